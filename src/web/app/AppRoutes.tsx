import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { NotFoundPage } from '../features/not-found/NotFoundPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { HOME_PATH } from '../shared/home-path.ts';
import { RequireAuth } from './RequireAuth.tsx';

const UnitsPage = lazy(() => import('../features/org/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })));
const PositionsPage = lazy(() =>
  import('../features/org/PositionsPage.tsx').then((m) => ({ default: m.PositionsPage })),
);
const EmployeesPage = lazy(() =>
  import('../features/org/EmployeesPage.tsx').then((m) => ({ default: m.EmployeesPage })),
);
const SurveyListPage = lazy(() =>
  import('../features/surveys/SurveyListPage.tsx').then((m) => ({ default: m.SurveyListPage })),
);
const SurveyBuilderPage = lazy(() =>
  import('../features/surveys/SurveyBuilderPage.tsx').then((m) => ({ default: m.SurveyBuilderPage })),
);
const WorkbenchPage = lazy(() => import('../features/workbench/WorkbenchPage.tsx').then((m) => ({ default: m.WorkbenchPage })));
const DistributionPage = lazy(() =>
  import('../features/distribution/DistributionPage.tsx').then((m) => ({ default: m.DistributionPage })),
);
const ResponsesPage = lazy(() =>
  import('../features/responses/ResponsesPage.tsx').then((m) => ({ default: m.ResponsesPage })),
);
const ResponseDrawer = lazy(() =>
  import('../features/responses/ResponseDrawer.tsx').then((m) => ({ default: m.ResponseDrawer })),
);

const PraiseWallPage = lazy(() => import('../features/recognition/PraiseWallPage.tsx').then((m) => ({ default: m.PraiseWallPage })));
const PointsPage = lazy(() => import('../features/recognition/PointsPage.tsx').then((m) => ({ default: m.PointsPage })));
const IdeasPage = lazy(() => import('../features/recognition/IdeasPage.tsx').then((m) => ({ default: m.IdeasPage })));
const LeaderboardsPage = lazy(() => import('../features/recognition/LeaderboardsPage.tsx').then((m) => ({ default: m.LeaderboardsPage })));
const PromotionPage = lazy(() => import('../features/recognition/PromotionPage.tsx').then((m) => ({ default: m.PromotionPage })));
const RecognitionSettingsPage = lazy(() => import('../features/recognition/RecognitionSettingsPage.tsx').then((m) => ({ default: m.RecognitionSettingsPage })));
const ExecutiveDashboardPage = lazy(() => import('../features/dashboards/ExecutiveDashboardPage.tsx').then((m) => ({ default: m.ExecutiveDashboardPage })));
const UnitDashboardPage = lazy(() => import('../features/dashboards/UnitDashboardPage.tsx').then((m) => ({ default: m.UnitDashboardPage })));
const PersonalDashboardPage = lazy(() => import('../features/dashboards/PersonalDashboardPage.tsx').then((m) => ({ default: m.PersonalDashboardPage })));
const MetricTreePage = lazy(() => import('../features/dashboards/MetricTreePage.tsx').then((m) => ({ default: m.MetricTreePage })));
const BoardsPage = lazy(() => import('../features/dashboards/BoardsPage.tsx').then((m) => ({ default: m.BoardsPage })));
const PublicBoardPage = lazy(() => import('../features/board/PublicBoardPage.tsx').then((m) => ({ default: m.PublicBoardPage })));

const ImprovementsPage = lazy(() => import('../features/improvements/ImprovementsPage.tsx').then((m) => ({ default: m.ImprovementsPage })));
const WebhooksPage = lazy(() => import('../features/webhooks/WebhooksPage.tsx').then((m) => ({ default: m.WebhooksPage })));
const ChatRobotsPage = lazy(() => import('../features/chat-robots/ChatRobotsPage.tsx').then((m) => ({ default: m.ChatRobotsPage })));
const JourneysPage = lazy(() => import('../features/journeys/JourneysPage.tsx').then((m) => ({ default: m.JourneysPage })));
const TextAnalyticsPage = lazy(() => import('../features/text-analytics/TextAnalyticsPage.tsx').then((m) => ({ default: m.TextAnalyticsPage })));
const CulturePage = lazy(() => import('../features/culture/index.ts').then((m) => ({ default: m.CulturePage })));
const AssessmentPage = lazy(() => import('../features/culture/index.ts').then((m) => ({ default: m.AssessmentPage })));

/** Every page's address. Pages behind the layout need a session; unknown addresses get the 404 page. */
export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* An office screen's public board: no session, no layout. */}
      <Route
        path="/board/:token"
        element={
          <Suspense fallback={null}>
            <PublicBoardPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to={HOME_PATH} replace />} />
        <Route path="org/units" element={<UnitsPage />} />
        <Route path="org/positions" element={<PositionsPage />} />
        <Route path="org/employees" element={<EmployeesPage />} />
        <Route path="surveys" element={<SurveyListPage />} />
        <Route path="surveys/new" element={<SurveyBuilderPage />} />
        <Route path="surveys/:id" element={<SurveyBuilderPage />} />
        <Route path="workbench" element={<WorkbenchPage />} />
        <Route path="distribution" element={<DistributionPage />} />
        <Route path="responses" element={<ResponsesPage />}>
          <Route path=":id" element={<ResponseDrawer />} />
        </Route>
        <Route path="recognition/praise" element={<PraiseWallPage />} />
        <Route path="recognition/points" element={<PointsPage />} />
        <Route path="recognition/ideas" element={<IdeasPage />} />
        <Route path="recognition/leaderboards" element={<LeaderboardsPage />} />
        <Route path="recognition/promotion" element={<PromotionPage />} />
        <Route path="recognition/settings" element={<RecognitionSettingsPage />} />
        <Route path="dashboards/executive" element={<ExecutiveDashboardPage />} />
        <Route path="dashboards/unit" element={<UnitDashboardPage />} />
        <Route path="dashboards/personal" element={<PersonalDashboardPage />} />
        <Route path="dashboards/metric-tree" element={<MetricTreePage />} />
        <Route path="dashboards/boards" element={<BoardsPage />} />
        <Route path="improvements" element={<ImprovementsPage />} />
        <Route path="webhooks" element={<WebhooksPage />} />
        <Route path="chat-robots" element={<ChatRobotsPage />} />
        <Route path="journeys" element={<JourneysPage />} />
        <Route path="text-analytics" element={<TextAnalyticsPage />} />
        <Route path="culture" element={<CulturePage />} />
        <Route path="culture/:id" element={<AssessmentPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
