import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

const PERIODS = [30, 90, 180, 365];

/** The period in days, kept in the address (`?days=`) so a link reproduces the view. */
export function usePeriodDays(fallback = 90): [number, (days: number) => void] {
  const [params, setParams] = useSearchParams();
  const days = Number(params.get('days'));
  const set = (next: number) =>
    setParams(
      (p) => {
        p.set('days', String(next));
        return p;
      },
      { replace: true },
    );
  return [PERIODS.includes(days) ? days : fallback, set];
}

export function PeriodSelect({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ width: 150 }}
      aria-label={t('dashboards.period.label')}
      data-testid="period-select"
      options={PERIODS.map((d) => ({ value: d, label: t('dashboards.period.lastDays', { count: d }) }))}
    />
  );
}
