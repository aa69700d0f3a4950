/** How a KPI's value reads: percentages with %, minutes with min, scores with their usual digits. */
export function formatKpiValue(metric: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (metric) {
    case 'fcr':
    case 'churn_rate':
    case 'conversion_rate':
    case 'response_rate':
    case 'audit_score':
      return `${value.toFixed(1)}%`;
    case 'resolution_time':
      return `${Math.round(value)} min`;
    case 'csat':
    case 'ces':
    case 'sentiment':
      return value.toFixed(2);
    case 'praise':
      return String(Math.round(value));
    case 'nps':
      return value.toFixed(1);
    default:
      return String(Math.round(value * 100) / 100);
  }
}
