import { Card, Empty, Progress, Skeleton, Tag, Tooltip, Typography } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { listGoals, type Goal } from './dashboards.api.ts';

export const GOAL_STATUS_COLORS: Record<Goal['status'], string> = { on_track: 'green', at_risk: 'gold', off_track: 'red', achieved: 'blue', overdue: 'red' };

/** A goal's title in the UI language. */
export const goalTitle = (g: Goal, language: string) => (language === 'en' && g.titleEn ? g.titleEn : g.title);

/** One goal: title, status, progress against the time gone, owner and deadline. */
export function GoalLine({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const pct = goal.computedProgress ?? 0;
  return (
    <div className="dash-goal" data-testid="goal">
      <div className="dash-goal__head">
        <Typography.Text strong ellipsis={{ tooltip: true }}>
          {goalTitle(goal, language)}
        </Typography.Text>
        <Tag color={GOAL_STATUS_COLORS[goal.status]}>{t(`dashboards.goals.status.${goal.status}` as ParseKeys)}</Tag>
      </div>
      <Tooltip title={t('dashboards.goals.expected', { expected: goal.expectedProgress.toFixed(0) })}>
        <Progress percent={Math.round(pct)} success={{ percent: 0 }} strokeColor={goal.status === 'on_track' || goal.status === 'achieved' ? '#389e0d' : goal.status === 'at_risk' ? '#d4b106' : '#cf1322'} size="small" />
        <div className="dash-goal__time" style={{ width: `${Math.min(100, goal.expectedProgress)}%` }} />
      </Tooltip>
      <Typography.Text type="secondary" className="dash-goal__meta">
        {goal.ownerName ?? t('common.none')} · {t('dashboards.goals.deadline', { date: goal.deadline })}
        {goal.progress === null && goal.kpiIds.length > 0 && ` · ${t('dashboards.goals.byKpis', { count: goal.kpiIds.length })}`}
      </Typography.Text>
    </div>
  );
}

/** The strategic goals with their progress, for the executive dashboard. */
export function GoalsCard() {
  const { t } = useTranslation();
  const goals = useApiQuery((signal) => listGoals(signal), []);
  return (
    <Card title={t('dashboards.goals.title')} size="small" className="dash-card" data-testid="goals-card">
      {goals.isLoading && !goals.data ? <Skeleton active /> : goals.data?.length ? goals.data.map((g) => <GoalLine key={g.id} goal={g} />) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.goals.empty')} />}
    </Card>
  );
}
