/** ECharts options for the dashboards, built from API answers; pure, so the pages stay short. */
import type { EChartsCoreOption } from 'echarts/core';
import type { DriversResult, MetricResult, TopicSummary, XoResult } from './dashboards.api.ts';

export const COLORS = { primary: '#1f6feb', band: '#1f6feb', good: '#389e0d', mid: '#d4b106', bad: '#cf1322', grey: '#8c8c8c' };

/** Red below 0, gold to 30, green above: how an NPS reads. */
export const npsColor = (v: number | null) => (v === null ? COLORS.grey : v < 0 ? COLORS.bad : v < 30 ? COLORS.mid : COLORS.good);

const round = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/** NPS by month with its 95 % interval as a shaded band (the lower bound plus a stacked band of its width). */
export function npsTrendOption(res: MetricResult, labels: { nps: string; band: string; n: string }): EChartsCoreOption {
  const rows = res.rows.filter((r) => r.value !== null);
  const lower = rows.map((r) => round(r.ci95?.[0] ?? r.value));
  const width = rows.map((r) => round((r.ci95?.[1] ?? r.value!) - (r.ci95?.[0] ?? r.value!)));
  return {
    grid: { left: 48, right: 40, top: 40, bottom: 28 },
    legend: { data: [labels.nps, labels.band], top: 0 },
    tooltip: {
      trigger: 'axis',
      formatter: (items: { dataIndex: number }[]) => {
        const r = rows[items[0]!.dataIndex]!;
        return `${r.key}<br/>${labels.nps}: <b>${round(r.value)}</b><br/>${labels.band}: ${round(r.ci95?.[0])} … ${round(r.ci95?.[1])}<br/>${labels.n}: ${r.n}`;
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => r.key), boundaryGap: false },
    yAxis: { type: 'value', min: (v: { min: number }) => Math.floor(Math.max(-100, v.min - 5) / 10) * 10, max: (v: { max: number }) => Math.ceil(Math.min(100, v.max + 5) / 10) * 10 },
    series: [
      { name: 'lower', type: 'line', data: lower, stack: 'ci', stackStrategy: 'all', symbol: 'none', lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false } },
      { name: labels.band, type: 'line', data: width, stack: 'ci', stackStrategy: 'all', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { color: COLORS.band, opacity: 0.15 }, itemStyle: { color: '#9ec2f7' }, silent: true },
      { name: labels.nps, type: 'line', data: rows.map((r) => round(r.value)), symbolSize: 7, lineStyle: { width: 3, color: COLORS.primary }, itemStyle: { color: COLORS.primary }, label: { show: true, position: 'top', fontWeight: 'bold' } },
    ],
  };
}

/** A horizontal bar per unit (or employee), best on top, coloured by how the NPS reads. */
export function npsBarOption(rows: { name: string; value: number | null; n: number }[], label: string): EChartsCoreOption {
  const sorted = [...rows].filter((r) => r.value !== null).sort((a, b) => a.value! - b.value!);
  return {
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (items: { dataIndex: number }[]) => { const r = sorted[items[0]!.dataIndex]!; return `${r.name}<br/>${label}: <b>${round(r.value)}</b> (n = ${r.n})`; } },
    xAxis: { type: 'value', min: (v: { min: number }) => (v.min < 0 ? -100 : 0), max: 100, interval: 50 },
    yAxis: { type: 'category', data: sorted.map((r) => r.name), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [{ type: 'bar', data: sorted.map((r) => ({ value: round(r.value), itemStyle: { color: npsColor(r.value) } })), barMaxWidth: 22, label: { show: true, position: 'right' } }],
  };
}

export interface QuadrantPoint {
  name: string;
  performance: number;
  importance: number;
  significant: boolean;
  coefficient: number;
}

/** A label short enough for a chart point. */
const shorten = (s: string, max = 12) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
/** Text for an ECharts tooltip, which renders HTML: a question title is typed by people, so it is escaped. */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Key drivers: importance (|standardised coefficient|) against performance (% of scale); the lines cross at the means. */
export function quadrantOption(points: QuadrantPoint[], labels: { performance: string; importance: string; significant: string; notSignificant: string; fix: string; keep: string }): EChartsCoreOption {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
  const mx = mean(points.map((p) => p.performance));
  const my = mean(points.map((p) => p.importance));
  const series = (significant: boolean) => ({
    name: significant ? labels.significant : labels.notSignificant,
    type: 'scatter',
    symbolSize: significant ? 16 : 11,
    itemStyle: { color: significant ? COLORS.primary : COLORS.grey, opacity: significant ? 0.9 : 0.6 },
    label: { show: true, position: 'right', formatter: (p: { data: number[]; dataIndex: number }) => shorten(points.filter((x) => x.significant === significant)[p.dataIndex]!.name), fontSize: 12 },
    labelLayout: { hideOverlap: true },
    data: points.filter((p) => p.significant === significant).map((p) => [round(p.performance), round(p.importance, 3)]),
  });
  const sig = series(true);
  return {
    grid: { left: 56, right: 40, top: 40, bottom: 44 },
    legend: { top: 0 },
    // The label beside a point is cut short; the tooltip names the driver in full.
    tooltip: {
      formatter: (p: { seriesName: string; seriesIndex: number; dataIndex: number; data: number[] }) =>
        `${escapeHtml(points.filter((x) => x.significant === (p.seriesIndex === 0))[p.dataIndex]?.name ?? '')}<br/>${p.seriesName}<br/>${labels.performance}: ${p.data[0]}<br/>${labels.importance}: ${p.data[1]}`,
    },
    xAxis: { type: 'value', name: labels.performance, nameLocation: 'middle', nameGap: 28, min: 0, max: 100 },
    yAxis: { type: 'value', name: labels.importance, nameLocation: 'end', min: 0 },
    series: [
      {
        ...sig,
        markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#bfbfbf' }, label: { show: false }, data: [{ xAxis: round(mx) }, { yAxis: round(my, 3) }] },
        markArea: { silent: true, itemStyle: { color: 'rgba(207,19,34,0.05)' }, label: { color: COLORS.bad, position: 'insideTopLeft' }, data: [[{ name: labels.fix, xAxis: 0, yAxis: round(my, 3) }, { xAxis: round(mx), yAxis: 'max' }]] },
      },
      series(false),
    ],
  };
}

/** X×O: churn and conversion by NPS group (bars) with mean spend (line, right axis). */
export function xoOption(res: XoResult, labels: { group: Record<string, string>; churn: string; conversion: string; spend: string }): EChartsCoreOption {
  return {
    grid: { left: 48, right: 64, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: res.rows.map((r) => labels.group[r.group]) },
    yAxis: [
      { type: 'value', name: '%', max: (v: { max: number }) => Math.min(100, Math.ceil((v.max + 5) / 10) * 10) },
      { type: 'value', name: labels.spend, splitLine: { show: false } },
    ],
    series: [
      { name: labels.churn, type: 'bar', data: res.rows.map((r) => ({ value: round(r.churnRate), itemStyle: { color: r.group === 'detractor' ? COLORS.bad : r.group === 'passive' ? COLORS.mid : COLORS.good } })), label: { show: true, position: 'top', formatter: '{c}%' }, barMaxWidth: 40 },
      { name: labels.conversion, type: 'bar', data: res.rows.map((r) => round(r.conversionRate)), itemStyle: { color: '#91caff' }, barMaxWidth: 40 },
      { name: labels.spend, type: 'line', yAxisIndex: 1, data: res.rows.map((r) => round(r.meanSpend, 0)), itemStyle: { color: '#722ed1' } },
    ],
  };
}

/** Sentiment −1..1 as a colour from red through grey to green. */
export function sentimentColor(s: number): string {
  const t = Math.max(-1, Math.min(1, s));
  const mix = (a: number[], b: number[], f: number) => a.map((x, i) => Math.round(x + (b[i]! - x) * f));
  const rgb = t < 0 ? mix([191, 191, 191], [207, 19, 34], -t * 1.6 > 1 ? 1 : -t * 1.6) : mix([191, 191, 191], [56, 158, 13], t * 1.6 > 1 ? 1 : t * 1.6);
  return `rgb(${rgb.join(',')})`;
}

/** Comment topics as a treemap: area by how often, colour by sentiment. */
export function topicsOption(topics: TopicSummary[], labels: { n: string; sentiment: string }): EChartsCoreOption {
  return {
    tooltip: { formatter: (p: { name: string; value: number; dataIndex: number }) => { const t = topics.find((x) => x.topic === p.name); return `${p.name}<br/>${labels.n}: ${p.value}<br/>${labels.sentiment}: ${round(t?.sentiment, 2)}`; } },
    series: [
      {
        type: 'treemap',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        left: 0,
        right: 0,
        top: 0,
        bottom: 0,
        label: { show: true, formatter: '{b}\n{c}', fontSize: 13 },
        itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
        data: topics.map((t) => ({ name: t.topic, value: t.n, itemStyle: { color: sentimentColor(t.sentiment) } })),
      },
    ],
  };
}

/** A line of a score over time (personal sentiment curve, personal NPS). */
export function lineOption(rows: { key: string; value: number | null }[], label: string, opts: { min?: number; max?: number; digits?: number; area?: boolean } = {}): EChartsCoreOption {
  const kept = rows.filter((r) => r.value !== null);
  return {
    grid: { left: 48, right: 24, top: 24, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: kept.map((r) => r.key), boundaryGap: false },
    yAxis: { type: 'value', min: opts.min, max: opts.max },
    series: [
      {
        name: label,
        type: 'line',
        data: kept.map((r) => round(r.value, opts.digits ?? 1)),
        symbolSize: 7,
        lineStyle: { width: 3, color: COLORS.primary },
        itemStyle: { color: COLORS.primary },
        areaStyle: opts.area ? { color: COLORS.primary, opacity: 0.08 } : undefined,
        label: { show: kept.length <= 12, position: 'top' },
        markLine: opts.min !== undefined && opts.min < 0 ? { silent: true, symbol: 'none', lineStyle: { color: '#bfbfbf' }, data: [{ yAxis: 0 }], label: { show: false } } : undefined,
      },
    ],
  };
}

/**
 * Drivers with a performance on a comparable scale: questions as % of their
 * answer scale, first-contact resolution as a %. Touchpoints and channels have
 * an effect but no performance (their mean is a share of answers), so they stay
 * in the exported table only.
 */
export function quadrantPoints(res: DriversResult, scaleOf: (driver: string) => { min: number; max: number } | null, nameOf: (driver: string) => string): QuadrantPoint[] {
  return res.drivers.flatMap((d) => {
    let performance: number | null = null;
    if (d.kind === 'question') {
      const scale = scaleOf(d.driver);
      if (scale) performance = ((d.performance - scale.min) / (scale.max - scale.min)) * 100;
    } else if (d.driver === 'odata:resolvedFirstContact') {
      performance = d.performance * 100;
    }
    return performance === null ? [] : [{ name: nameOf(d.driver), performance, importance: d.importance, significant: d.significant, coefficient: d.coefficient }];
  });
}
