/** ECharts options for the culture dashboard, built from API answers; pure, so the components stay short. */
import type { EChartsCoreOption } from 'echarts/core';

export const COLORS = { ours: '#1f6feb', visionaries: '#d48806', others: '#8c8c8c', good: '#389e0d', bad: '#cf1322', shade: 'rgba(207, 19, 34, 0.06)' };
export const STATE_COLORS = { outdated: '#cf1322', not_understood: '#fa8c16', understood: '#91caff', core_dna: '#1f6feb' } as const;

const r1 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 10) / 10);
const AXIS_100 = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}' }, splitLine: { lineStyle: { type: 'dashed' } } };

export interface Ref {
  value: number | undefined;
  approximate: boolean;
  /** A range read from a chart where the report gives no figure per item. */
  range?: [number, number];
}
const refLabel = (ref: Ref | undefined) =>
  ref?.value !== undefined ? `${ref.approximate ? '≈ ' : ''}${Math.round(ref.value)}%` : ref?.range ? `≈ ${ref.range[0]}–${ref.range[1]}%` : '—';

/** One band covering the ranges of the items that have a range but no figure, or null. */
function bandOf(refs: Array<Ref | undefined>): [number, number] | null {
  const ranges = refs.flatMap((r) => (r && r.value === undefined && r.range ? [r.range] : []));
  return ranges.length ? [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))] : null;
}

/** 100 % stacked bars: our vision-state distribution and, beneath it, the report's "all respondents". */
export function visionStateOption(rows: Array<{ label: string; shares: Record<string, number | undefined> }>, states: Array<{ key: keyof typeof STATE_COLORS; label: string }>): EChartsCoreOption {
  return {
    legend: { top: 0, itemWidth: 14, itemHeight: 10 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '—' : `${Math.round(v)}%`) },
    grid: { left: 8, right: 16, top: 36, bottom: 4, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, show: false },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisTick: { show: false }, axisLine: { show: false } },
    series: states.map((s) => ({
      name: s.label,
      type: 'bar',
      stack: 'state',
      barWidth: 26,
      labelLayout: { hideOverlap: true },
      itemStyle: { color: STATE_COLORS[s.key] },
      label: { show: true, formatter: ({ value }: { value: number | null }) => (value !== null && value >= 7 ? `${Math.round(value)}%` : ''), color: s.key === 'understood' ? '#10239e' : '#fff', fontWeight: 600 },
      data: rows.map((r) => r1(r.shares[s.key])),
    })),
  };
}

/** Our % favourable per level against the report's (approximate) visionaries and others, shading the levels below management. */
export function guidanceOption(levels: string[], ours: Array<number | null>, refs: { visionaries: Ref[]; others: Ref[] }, names: { ours: string; visionaries: string; others: string; below: string }): EChartsCoreOption {
  const ref = (name: string, data: Ref[], color: string) => ({
    name,
    type: 'line',
    data: data.map((d) => r1(d.value)),
    symbol: 'emptyCircle',
    symbolSize: 6,
    lineStyle: { type: 'dashed', width: 2, color },
    itemStyle: { color },
    tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `≈ ${Math.round(v)}%`) },
  });
  return {
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${Math.round(v)}%`) },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: levels, boundaryGap: false, axisLabel: { interval: 0, hideOverlap: false } },
    yAxis: AXIS_100,
    series: [
      {
        name: names.ours,
        type: 'line',
        data: ours.map(r1),
        connectNulls: false,
        symbolSize: 9,
        lineStyle: { width: 3, color: COLORS.ours },
        itemStyle: { color: COLORS.ours },
        label: { show: true, position: 'top', fontWeight: 'bold', formatter: ({ value }: { value: number }) => `${Math.round(value)}` },
        markArea: levels.length >= 4 ? { silent: true, itemStyle: { color: COLORS.shade }, label: { color: '#a8071a', position: 'insideTop' }, data: [[{ name: names.below, xAxis: levels[3] }, { xAxis: levels[levels.length - 1] }]] } : undefined,
      },
      ref(names.visionaries, refs.visionaries, COLORS.visionaries),
      ref(names.others, refs.others, COLORS.others),
    ],
  };
}

export interface BarItem {
  label: string;
  favourable: number | null;
  index: number | null;
  visionaries?: Ref;
  others?: Ref;
}

/**
 * Horizontal bars of our % favourable per item, the report's figures as markers on the same scale; where the report
 * gives only a range (read from a chart), a shaded band across the items instead.
 */
export function alignmentOption(items: BarItem[], names: { ours: string; visionaries: string; others: string; index: string }): EChartsCoreOption {
  const labels = items.map((i) => i.label);
  const marker = (name: string, pick: (i: BarItem) => Ref | undefined, color: string, symbol: string) => ({
    name,
    type: 'scatter',
    symbol,
    symbolSize: 13,
    z: 3,
    itemStyle: { color, borderColor: '#fff', borderWidth: 1 },
    data: items.map((i) => r1(pick(i)?.value)),
  });
  const markers = [marker(names.visionaries, (i) => i.visionaries, COLORS.visionaries, 'diamond'), marker(names.others, (i) => i.others, COLORS.others, 'triangle')].filter((m) => m.data.some((v) => v !== null));
  const bands = (
    [
      [names.visionaries, bandOf(items.map((i) => i.visionaries)), 'rgba(212, 136, 6, 0.13)', '#ad6800'],
      [names.others, bandOf(items.map((i) => i.others)), 'rgba(140, 140, 140, 0.15)', '#595959'],
    ] as const
  ).flatMap(([name, band, color, text]) =>
    band ? [[{ name: `${name.replace(/ ?≈$/, '')} ≈ ${band[0]}–${band[1]}`, xAxis: band[0], itemStyle: { color }, label: { color: text } }, { xAxis: band[1] }]] : [],
  );
  return {
    legend: { top: 0 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: Array<{ dataIndex: number }>) => {
        const item = items[params[0]!.dataIndex]!;
        return [
          `<b>${item.label}</b>`,
          `${names.ours}: ${item.favourable === null ? '—' : `${Math.round(item.favourable)}%`} (${names.index} ${item.index === null ? '—' : Math.round(item.index)})`,
          `${names.visionaries}: ${refLabel(item.visionaries)}`,
          `${names.others}: ${refLabel(item.others)}`,
        ].join('<br/>');
      },
    },
    grid: { left: 8, right: 24, top: bands.length ? 58 : 36, bottom: 8, containLabel: true },
    xAxis: AXIS_100,
    yAxis: { type: 'category', inverse: true, data: labels, axisTick: { show: false }, axisLabel: { width: 150, overflow: 'break' } },
    series: [
      {
        name: names.ours,
        type: 'bar',
        barWidth: '55%',
        itemStyle: { color: COLORS.ours, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'insideRight', color: '#fff', fontWeight: 600, formatter: ({ value }: { value: number | null }) => (value === null ? '' : `${Math.round(value)}`) },
        markArea: bands.length ? { silent: true, label: { position: 'top', fontSize: 11 }, data: bands } : undefined,
        data: items.map((i) => r1(i.favourable)),
      },
      ...markers,
    ],
  };
}

/** Pillar indexes on a radar whose rings are the maturity stages (every 20 points). */
export function radarOption(pillars: string[], series: Array<{ name: string; values: Array<number | null>; color: string; area?: boolean }>): EChartsCoreOption {
  return {
    legend: series.length > 1 ? { bottom: 0 } : undefined,
    tooltip: { trigger: 'item' },
    radar: {
      indicator: pillars.map((name) => ({ name, max: 100, min: 0 })),
      splitNumber: 5,
      radius: '62%',
      center: ['50%', series.length > 1 ? '48%' : '52%'],
      axisName: { color: '#434343', fontSize: 12 },
      splitArea: { areaStyle: { color: ['#fafafa', '#f5f5f5'] } },
    },
    series: [
      {
        type: 'radar',
        data: series.map((s) => ({
          name: s.name,
          value: s.values.map((v) => r1(v) ?? 0),
          lineStyle: { color: s.color, width: 2, type: s.area ? 'solid' : 'dashed' },
          itemStyle: { color: s.color },
          areaStyle: s.area ? { color: s.color, opacity: 0.18 } : undefined,
          label: s.area ? { show: true, formatter: ({ value }: { value: number }) => `${Math.round(value)}`, color: s.color, fontWeight: 600 } : undefined,
        })),
      },
    ],
  };
}

/** Correlations (r, −1 … 1) per pillar, one bar series per driver. */
export function driversOption(pillars: string[], series: Array<{ name: string; values: Array<number | null>; color: string }>): EChartsCoreOption {
  return {
    legend: { top: 0, itemGap: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '—' : `r = ${v.toFixed(2)}`) },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: -1, max: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', inverse: true, data: pillars, axisTick: { show: false } },
    series: series.map((s) => ({ name: s.name, type: 'bar', barMaxWidth: 14, itemStyle: { color: s.color }, data: s.values.map((v) => (v === null ? null : Math.round(v * 100) / 100)) })),
  };
}

export interface ScatterPoint {
  name: string;
  x: number;
  y: number;
  n?: number;
}

/** An axis range around the data, on tens, inside 0–100. */
const around = (values: number[]) => ({
  min: Math.max(0, Math.floor((Math.min(...values) - 5) / 10) * 10),
  max: Math.min(100, Math.ceil((Math.max(...values) + 5) / 10) * 10),
});

/** A label to the left when a neighbour sits just to the right (or the point is near the right edge), else to the right. */
function labelSide(p: ScatterPoint, all: readonly ScatterPoint[], xMax: number): 'left' | 'right' {
  const crowded = all.some((q) => q !== p && q.x - p.x > 0 && q.x - p.x < 10 && Math.abs(q.y - p.y) < 6);
  return crowded || xMax - p.x < 8 ? 'left' : 'right';
}

/** Shown units: overall index against the share saying "core of our DNA", one colour per segment. */
export function segmentOption(groups: Array<{ name: string; color: string; points: ScatterPoint[] }>, axes: { x: string; y: string }): EChartsCoreOption {
  const all = groups.flatMap((g) => g.points);
  const x = around(all.map((p) => p.x));
  return {
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: ({ data }: { data: { name: string; value: [number, number] } }) => `<b>${data.name}</b><br/>${axes.x}: ${Math.round(data.value[0])}<br/>${axes.y}: ${Math.round(data.value[1])}%` },
    grid: { left: 44, right: 40, top: 40, bottom: 36, containLabel: true },
    xAxis: { ...AXIS_100, ...x, name: axes.x, nameLocation: 'middle', nameGap: 26 },
    yAxis: { ...AXIS_100, ...around(all.map((p) => p.y)), name: axes.y, nameLocation: 'middle', nameGap: 34 },
    series: groups.map((g) => ({
      name: g.name,
      type: 'scatter',
      symbolSize: 14,
      itemStyle: { color: g.color, opacity: 0.85, borderColor: '#fff' },
      label: { show: true, position: 'right', fontSize: 11, color: '#595959', formatter: ({ data }: { data: { name: string } }) => data.name },
      labelLayout: { hideOverlap: true },
      emphasis: { label: { show: true, fontWeight: 'bold' } },
      data: g.points.map((p) => ({ name: p.name, value: [r1(p.x), r1(p.y)], label: { position: labelSide(p, all, x.max) } })),
    })),
  };
}
