/**
 * The review's charts, drawn on the server by ECharts into SVG strings that
 * are inlined in the HTML, so the HTML and the PDF show the same picture and
 * the page needs no script (the CSP allows none inline anyway). Animation is
 * off and labels carry no text border: a bordered label becomes two text
 * nodes, which a PDF's text layer would repeat.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { MetricResult } from '../../../contracts/metrics.ts';
import type { ReviewText } from './review.text.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

/** The printable width of A4 with the review's margins, in CSS pixels. */
export const CHART_WIDTH = 680;
const BLUE = '#1d39c4';
const GOLD = '#d48806';
const GREY = '#bfbfbf';
const TEXT = '#262626';
/** The page's faces, unquoted: a quoted family name would break the SVG's style attribute. */
const FONT = 'Helvetica Neue, Arial, Liberation Sans, Review CJK, Noto Sans CJK SC, sans-serif';

function render(option: echarts.EChartsCoreOption, height: number, width = CHART_WIDTH): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, color: TEXT, fontSize: 11 }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const label = (formatter?: string | ((p: { value: unknown }) => string)) => ({ show: true, fontSize: 10, color: TEXT, textBorderWidth: 0, ...(formatter ? { formatter } : {}) });

/** Half the printable width, for two charts side by side. */
export const HALF_WIDTH = 330;

/** One metric for each of the months up to the review's (a gap where a month had no answers), on an axis fitted to the values. */
export function monthlyChart(months: string[], result: MetricResult, o: { title: string; digits: number; floor: number; ceiling: number; color: string }, t: ReviewText): string {
  const values = months.map((m) => {
    const v = result.rows.find((row) => row.key === m)?.value ?? null;
    return v === null ? null : Number(v.toFixed(o.digits));
  });
  const known = values.filter((v): v is number => v !== null);
  const step = o.ceiling - o.floor > 10 ? 10 : 0.5;
  const min = known.length ? Math.max(o.floor, Math.floor((Math.min(...known) - step) / step) * step) : o.floor;
  const max = known.length ? Math.min(o.ceiling, Math.ceil((Math.max(...known) + step) / step) * step) : o.ceiling;
  return render(
    {
      title: { text: o.title, left: 0, top: 0, textStyle: { fontSize: 11, fontWeight: 'bold', color: TEXT } },
      grid: { left: 40, right: 16, top: 34, bottom: 24 },
      xAxis: { type: 'category', data: months.map((m) => t.monthShort(m)), axisLabel: { fontSize: 9 } },
      yAxis: { type: 'value', min, max, splitNumber: 4, axisLabel: { fontSize: 9 }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      series: [{ type: 'line', data: values, color: o.color, symbolSize: 7, connectNulls: false, label: { ...label(), position: 'top' } }],
    },
    190,
    HALF_WIDTH,
  );
}

/** NPS and CSAT for the six months up to the review's, side by side. */
export function trendCharts(months: string[], nps: MetricResult, csat: MetricResult, t: ReviewText): [string, string] {
  return [
    monthlyChart(months, nps, { title: t.npsLegend, digits: 1, floor: -100, ceiling: 100, color: BLUE }, t),
    monthlyChart(months, csat, { title: t.csatLegend, digits: 2, floor: 1, ceiling: 5, color: GOLD }, t),
  ];
}

/** Horizontal bars, one per row, best at the top, on a fixed axis in steps of 20 (NPS −100..100, indexes 0..100). */
export function barChart(rows: Array<{ name: string; value: number }>, range: { min: number; max: number }, digits = 1): string {
  const ordered = [...rows].reverse(); // ECharts draws the first category at the bottom
  return render(
    {
      grid: { left: 8, right: 46, top: 6, bottom: 22, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', min: range.min, max: range.max, interval: 20, axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { fontSize: 10, width: 190, overflow: 'truncate' }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          data: ordered.map((r) => ({ value: Number(r.value.toFixed(digits)), itemStyle: { color: r.value < 0 ? '#cf1322' : BLUE } })),
          barMaxWidth: 16,
          label: { ...label(), position: 'right' },
        },
      ],
    },
    Math.max(90, 34 + rows.length * 24),
  );
}

/** Closed cases per root cause this month against the period before. */
export function rootCauseChart(rows: Array<{ name: string; closed: number; previous: number }>, t: ReviewText): string {
  const ordered = [...rows].reverse();
  return render(
    {
      legend: { top: 0, right: 0, data: [t.casesClosed, t.casesBefore], textStyle: { fontSize: 10 } },
      grid: { left: 8, right: 36, top: 26, bottom: 20, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#f0f0f0' } } },
      yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { fontSize: 10, width: 190, overflow: 'truncate' }, axisTick: { show: false } },
      series: [
        { name: t.casesClosed, type: 'bar', data: ordered.map((r) => r.closed), color: BLUE, barMaxWidth: 12, label: { ...label(), position: 'right' } },
        { name: t.casesBefore, type: 'bar', data: ordered.map((r) => r.previous), color: GREY, barMaxWidth: 12 },
      ],
    },
    Math.max(110, 50 + rows.length * 30),
  );
}
