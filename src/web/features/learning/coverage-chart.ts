import type { EChartsCoreOption } from 'echarts/core';
import type { CoverageRow, LearningLayer } from './learning.api.ts';
import { LAYER_COLOURS } from './learning-format.ts';

/**
 * Horizontal bars: for each unit, the completed share of what is assigned in each layer (0–100 %). A layer with
 * nothing assigned draws no bar (not a zero, which would read as "nobody did it").
 */
export function coverageOption(rows: CoverageRow[], labels: { unit: (row: CoverageRow) => string; layers: Record<LearningLayer, string>; tooltip: (row: CoverageRow, layer: LearningLayer) => string }): EChartsCoreOption {
  const ordered = [...rows].reverse(); // ECharts draws the first category at the bottom
  const layers = Object.keys(labels.layers) as LearningLayer[];
  return {
    grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, data: layers.map((l) => labels.layers[l]) },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesIndex: number; dataIndex: number }) => labels.tooltip(ordered[p.dataIndex]!, layers[p.seriesIndex]!),
    },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' }, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: ordered.map(labels.unit), axisLabel: { width: 160, overflow: 'truncate' } },
    series: layers.map((layer) => ({
      name: labels.layers[layer],
      type: 'bar',
      barMaxWidth: 14,
      barGap: '20%',
      itemStyle: { color: LAYER_COLOURS[layer], borderRadius: [0, 3, 3, 0] },
      label: { show: true, position: 'right', fontSize: 11, color: '#595959', formatter: (p: { value: number | null }) => (p.value === null ? '' : `${Math.round(p.value)} %`) },
      data: ordered.map((r) => r.byLayer[layer].completedPercent),
    })),
  };
}
