import type { EChartsCoreOption } from 'echarts/core';
import type { AuditComparison, MetricResult } from './audit.api.ts';

/** Area maturity as horizontal bars: the baseline (grey) and the current audit (blue) on the 0–4 scale. */
export function maturityOption(areas: AuditComparison['areas'], labels: { area: (a: AuditComparison['areas'][number]) => string; baseline: string; current: string }): EChartsCoreOption {
  const names = areas.map(labels.area).reverse();
  const hasBaseline = areas.some((a) => a.baseline !== null);
  const bar = (name: string, values: Array<number | null>, color: string) => ({
    name,
    type: 'bar',
    data: values.reverse(),
    itemStyle: { color, borderRadius: [0, 4, 4, 0] },
    label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '' : p.value.toFixed(1)) },
    barMaxWidth: 18,
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 40, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 4, interval: 1 },
    yAxis: { type: 'category', data: names, axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      ...(hasBaseline ? [bar(labels.baseline, areas.map((a) => a.baseline?.average ?? null), '#bfbfbf')] : []),
      bar(labels.current, areas.map((a) => a.current?.average ?? null), '#1677ff'),
    ],
  };
}

/** The audit_score metric by month, as a line with the number of visits in the tooltip. */
export function scoreTrendOption(result: MetricResult, labels: { score: string; visits: string }): EChartsCoreOption {
  const rows = result.rows.filter((r) => r.value !== null);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const r = rows[ps[0]!.dataIndex]!;
        return `${r.key}<br/>${labels.score}: ${r.value!.toFixed(1)}%<br/>${labels.visits}: ${r.n}`;
      },
    },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.key) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'line', name: labels.score, data: rows.map((r) => Math.round(r.value! * 10) / 10), smooth: true, symbolSize: 8, itemStyle: { color: '#c2410c' }, label: { show: true, formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` } }],
  };
}

/** Average score per unit (lowest first) as horizontal bars coloured like the tags. */
export function unitScoresOption(rows: Array<{ name: string; score: number }>): EChartsCoreOption {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v.toFixed(1)}%` },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { width: 180, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: sorted.map((r) => ({ value: Math.round(r.score * 10) / 10, itemStyle: { color: r.score < 60 ? '#cf1322' : r.score < 80 ? '#d48806' : '#389e0d', borderRadius: [0, 4, 4, 0] } })),
        label: { show: true, position: 'right', formatter: (p: { value: number }) => `${p.value.toFixed(1)}%` },
        barMaxWidth: 20,
      },
    ],
  };
}
