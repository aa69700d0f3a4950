// dashboards' public surface for other features.
export { DashChart } from './DashChart.tsx';
export { PeriodSelect, usePeriodDays } from './PeriodSelect.tsx';
