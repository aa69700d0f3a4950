// The dashboards module's public surface: the metric tree (KPIs, goals, scorecards) and public boards.
export { registerDashboardRoutes } from './dashboards.routes.ts';
export { registerBoardRoutes } from './boards.routes.ts';
export { insertKpi, listKpis } from './kpis.service.ts';
export { insertKpiValue } from './kpi-values.service.ts';
export { insertGoal, listGoals } from './goals.service.ts';
export { unitTargetsForYear, type UnitTargets } from './team-targets.ts';
