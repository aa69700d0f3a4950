import type { ReactNode } from 'react';
import { Card, Empty, Skeleton, Typography } from 'antd';
import { RadarChart, ScatterChart } from 'echarts/charts';
import { MarkAreaComponent, MarkLineComponent, MarkPointComponent, RadarComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../../shared/charts/EChart.tsx';

// The shared wrapper registers bar, line, pie and gauge; the culture dashboard also draws a radar and a scatter
// with reference marks. Registered here so only this (lazily loaded) page carries them.
echarts.use([RadarChart, ScatterChart, RadarComponent, MarkAreaComponent, MarkLineComponent, MarkPointComponent, LabelLayout]);

interface ChartCardProps {
  title: ReactNode;
  /** null: nothing to draw (too few answers); an empty state with `emptyText` shows instead. */
  option: EChartsCoreOption | null;
  isLoading?: boolean;
  height?: number;
  help?: ReactNode;
  emptyText?: string;
  extra?: ReactNode;
  children?: ReactNode;
  testId?: string;
}

/** One dashboard card: a chart, or a skeleton while loading, or a plain empty state; a short explanation below. */
export function ChartCard({ title, option, isLoading, height = 300, help, emptyText, extra, children, testId }: ChartCardProps) {
  return (
    <Card title={title} size="small" className="culture-card" data-testid={testId} extra={extra}>
      {isLoading && !option ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : option ? (
        <EChart option={option} height={height} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
      )}
      {children}
      {help && (
        <Typography.Paragraph type="secondary" className="culture-help">
          {help}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
