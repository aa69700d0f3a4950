import { useRef, type ReactNode } from 'react';
import { Button, Card, Dropdown, Empty, Skeleton } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import EChartsReactCore from 'echarts-for-react/esm/core';
import { BarChart, LineChart, ScatterChart, TreemapChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { ExportTable } from './export/cells.ts';
import { downloadCsv, downloadDataUrl, downloadXlsx } from './export/download.ts';
import './dashboards.css';

// The dashboards also draw scatter (driver quadrant) and treemap (topics) charts with mark lines and areas.
echarts.use([BarChart, LineChart, ScatterChart, TreemapChart, DatasetComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

interface DashChartProps {
  title: ReactNode;
  /** The chart's data as a table, for CSV and XLSX export; the chart itself exports as PNG. */
  table?: ExportTable;
  option: EChartsCoreOption | null;
  height?: number;
  isLoading?: boolean;
  extra?: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

/** A dashboard card with one chart and an export menu (PNG, CSV, XLSX). */
export function DashChart({ title, table, option, height = 300, isLoading, extra, footer, testId }: DashChartProps) {
  const { t } = useTranslation();
  const chart = useRef<EChartsReactCore>(null);
  const hasData = option !== null && (table?.rows.length ?? 1) > 0;
  const exportPng = () => {
    const instance = chart.current?.getEchartsInstance();
    if (instance && table) downloadDataUrl(table.name, instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }));
  };
  const menu = {
    items: [
      { key: 'png', label: t('dashboards.export.png'), disabled: !hasData },
      { key: 'csv', label: t('dashboards.export.csv'), disabled: !table?.rows.length },
      { key: 'xlsx', label: t('dashboards.export.xlsx'), disabled: !table?.rows.length },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'png') exportPng();
      else if (table && key === 'csv') downloadCsv(table);
      else if (table && key === 'xlsx') downloadXlsx(table);
    },
  };
  return (
    <Card
      title={title}
      size="small"
      className="dash-card"
      data-testid={testId}
      extra={
        <>
          {extra}
          {table && (
            <Dropdown menu={menu} trigger={['click']}>
              <Button type="text" size="small" icon={<DownloadOutlined />} aria-label={t('dashboards.export.label')} data-testid={testId ? `${testId}-export` : undefined} />
            </Dropdown>
          )}
        </>
      }
    >
      {isLoading && !option ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : hasData ? (
        <EChartsReactCore ref={chart} echarts={echarts} option={option} notMerge lazyUpdate style={{ height, width: '100%' }} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.noData')} style={{ height: height - 40 }} />
      )}
      {footer}
    </Card>
  );
}
