import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { NotFoundPage } from '../features/not-found/NotFoundPage.tsx';
import { homePathOf, type PagePath } from '../shared/page-access.ts';
import { useSession } from '../shared/session.tsx';
import { AppLayout } from './AppLayout.tsx';
import { PageGate } from './PageGate.tsx';
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
const CapturePage = lazy(() => import('../features/frontline/index.ts').then((m) => ({ default: m.CapturePage })));
const SupportPage = lazy(() => import('../features/frontline/index.ts').then((m) => ({ default: m.SupportPage })));
const AssessmentPage = lazy(() => import('../features/culture/index.ts').then((m) => ({ default: m.AssessmentPage })));
const PartnersPage = lazy(() => import('../features/partners/index.ts').then((m) => ({ default: m.PartnersPage })));
const PrivacyPage = lazy(() => import('../features/privacy/index.ts').then((m) => ({ default: m.PrivacyPage })));
const PartnerHomePage = lazy(() => import('../features/partners/index.ts').then((m) => ({ default: m.PartnerHomePage })));
const SsoSettingsPage = lazy(() => import('../features/identity/SsoSettingsPage.tsx').then((m) => ({ default: m.SsoSettingsPage })));
const CommitteePage = lazy(() => import('../features/governance/index.ts').then((m) => ({ default: m.CommitteePage })));
const MeetingPage = lazy(() => import('../features/governance/index.ts').then((m) => ({ default: m.MeetingPage })));
const ListeningPage = lazy(() => import('../features/governance/index.ts').then((m) => ({ default: m.ListeningPage })));
const AuditsPage = lazy(() => import('../features/audit/index.ts').then((m) => ({ default: m.AuditsPage })));
const AuditPage = lazy(() => import('../features/audit/index.ts').then((m) => ({ default: m.AuditPage })));
const AuditComparePage = lazy(() => import('../features/audit/index.ts').then((m) => ({ default: m.AuditComparePage })));
const MysteryShoppingPage = lazy(() => import('../features/audit/index.ts').then((m) => ({ default: m.MysteryShoppingPage })));
const ReviewPage = lazy(() => import('../features/reports/index.ts').then((m) => ({ default: m.ReviewPage })));
const MyLearningPage = lazy(() => import('../features/learning/index.ts').then((m) => ({ default: m.MyLearningPage })));
const LearningCataloguePage = lazy(() => import('../features/learning/index.ts').then((m) => ({ default: m.CataloguePage })));
const LearningAssignmentsPage = lazy(() => import('../features/learning/index.ts').then((m) => ({ default: m.AssignmentsPage })));
const LearningCoveragePage = lazy(() => import('../features/learning/index.ts').then((m) => ({ default: m.CoveragePage })));

/**
 * One page's route, behind the access table: the path is the table's key, so the router cannot open a page to a
 * role the menu hides it from. A child route (a drawer over the page) goes with its parent.
 */
function page(path: PagePath, element: ReactNode, child?: ReactNode) {
  return (
    <Route key={path} path={path.slice(1)} element={<PageGate page={path}>{element}</PageGate>}>
      {child}
    </Route>
  );
}

/** `/` leads to the signed-in role's home page. */
function HomeRedirect() {
  const { session } = useSession();
  return <Navigate to={session ? homePathOf(session.user.role) : '/login'} replace />;
}

/** Every page's address. Pages behind the layout need a session and a role the access table allows; unknown addresses get the 404 page. */
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
        <Route index element={<HomeRedirect />} />
        {page('/org/units', <UnitsPage />)}
        {page('/org/positions', <PositionsPage />)}
        {page('/org/employees', <EmployeesPage />)}
        {page('/surveys', <SurveyListPage />)}
        {page('/surveys/new', <SurveyBuilderPage />)}
        {page('/surveys/:id', <SurveyBuilderPage />)}
        {page('/workbench', <WorkbenchPage />)}
        {page('/capture', <CapturePage />)}
        {page('/support', <SupportPage />)}
        {page('/distribution', <DistributionPage />)}
        {page('/responses', <ResponsesPage />, <Route path=":id" element={<ResponseDrawer />} />)}
        {page('/recognition/praise', <PraiseWallPage />)}
        {page('/recognition/points', <PointsPage />)}
        {page('/recognition/ideas', <IdeasPage />)}
        {page('/recognition/leaderboards', <LeaderboardsPage />)}
        {page('/recognition/promotion', <PromotionPage />)}
        {page('/recognition/settings', <RecognitionSettingsPage />)}
        {page('/dashboards/executive', <ExecutiveDashboardPage />)}
        {page('/dashboards/unit', <UnitDashboardPage />)}
        {page('/dashboards/personal', <PersonalDashboardPage />)}
        {page('/dashboards/metric-tree', <MetricTreePage />)}
        {page('/dashboards/boards', <BoardsPage />)}
        {page('/improvements', <ImprovementsPage />)}
        {page('/webhooks', <WebhooksPage />)}
        {page('/chat-robots', <ChatRobotsPage />)}
        {page('/journeys', <JourneysPage />)}
        {page('/text-analytics', <TextAnalyticsPage />)}
        {page('/culture', <CulturePage />)}
        {page('/culture/:id', <AssessmentPage />)}
        {page('/partners', <PartnersPage />)}
        {page('/settings/sso', <SsoSettingsPage />)}
        {page('/settings/privacy', <PrivacyPage />)}
        {page('/governance/committee', <CommitteePage />)}
        {page('/governance/committee/meetings/:id', <MeetingPage />)}
        {page('/governance/listening', <ListeningPage />)}
        {page('/governance/monthly-review', <ReviewPage />)}
        {page('/audits', <AuditsPage />)}
        {page('/audits/:id', <AuditPage />)}
        {page('/audits/:id/compare', <AuditComparePage />)}
        {page('/mystery-shopping', <MysteryShoppingPage />)}
        {page('/learning/me', <MyLearningPage />)}
        {page('/learning/catalogue', <LearningCataloguePage />)}
        {page('/learning/assignments', <LearningAssignmentsPage />)}
        {page('/learning/coverage', <LearningCoveragePage />)}
        {page('/partner-home', <PartnerHomePage />)}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
