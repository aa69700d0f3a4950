import EChartsReactCore from 'echarts-for-react/esm/core';
import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboards draw is registered, so the bundle carries no unused chart types.
echarts.use([BarChart, LineChart, PieChart, GaugeChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One ECharts chart, tree-shaken through echarts/core; the shared wrapper for every dashboard. */
export function EChart({ option, height = 320 }: { option: EChartsCoreOption; height?: number }) {
  return <EChartsReactCore echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%' }} />;
}
