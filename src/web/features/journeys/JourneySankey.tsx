import { Typography } from 'antd';
import { SankeyChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { DashChart } from '../dashboards/index.ts';
import type { Journey, JourneyPaths } from './journeys.api.ts';

// Only this page draws a Sankey diagram, so only it registers the chart type (the shared bundle stays lean).
echarts.use([SankeyChart]);

const STAGE_COLOURS = ['#1677ff', '#13c2c2', '#722ed1', '#eb2f96', '#fa8c16', '#2f54eb'];

/**
 * Paths between stages as a Sankey diagram: a node per stage, a link per
 * forward transition, and an end node per stage for the customers who went no
 * further (after the last stage: completed). The API counts forward steps only,
 * so the graph has no cycles, which ECharts requires.
 */
export function JourneySankey({ journey, paths, isLoading }: { journey: Journey; paths: JourneyPaths | undefined; isLoading: boolean }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const names = new Map(journey.stages.map((s) => [s.key, s.name[language]]));
  const last = journey.stages.at(-1)?.key;
  const endName = (key: string) => (key === last ? t('journeys.paths.completed') : t('journeys.paths.left', { stage: names.get(key) }));
  // Figures computed before an edit may name stages the journey no longer has: ECharts needs every node name unique and known.
  const stages = (paths?.stages ?? []).filter((s) => names.has(s.key));
  // Stages nobody reached are left out (a node without links would float loose); ECharts lays out the columns.
  const nodes = [
    ...stages.flatMap((s, i) => (s.reached > 0 ? [{ name: names.get(s.key) ?? s.key, itemStyle: { color: STAGE_COLOURS[i % STAGE_COLOURS.length] } }] : [])),
    ...stages.filter((s) => s.droppedAfter > 0).map((s) => ({ name: endName(s.key), itemStyle: { color: s.key === last ? '#52c41a' : '#bfbfbf' } })),
  ];
  const links = [
    ...(paths?.transitions ?? []).filter((tr) => names.has(tr.from) && names.has(tr.to)).map((tr) => ({ source: names.get(tr.from) ?? tr.from, target: names.get(tr.to) ?? tr.to, value: tr.customers })),
    ...stages.filter((s) => s.droppedAfter > 0).map((s) => ({ source: names.get(s.key) ?? s.key, target: endName(s.key), value: s.droppedAfter })),
  ];
  const option =
    !paths || paths.customers === 0
      ? null
      : {
          tooltip: { trigger: 'item', formatter: (p: { data: { source?: string; target?: string; value?: number; name?: string }; value: number }) => `${p.data.source ? `${p.data.source} → ${p.data.target}` : p.data.name}<br/>${t('journeys.paths.customers', { count: p.value })}` },
          series: [
            {
              type: 'sankey',
              data: nodes,
              links,
              nodeAlign: 'left',
              nodeGap: 14,
              left: 8,
              right: 180,
              top: 16,
              bottom: 16,
              draggable: false,
              emphasis: { focus: 'adjacency' },
              lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
              label: { formatter: (p: { name: string; value: number }) => `${p.name}  ${p.value}` },
            },
          ],
        };
  const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)} %` : '—');
  return (
    <DashChart
      title={t('journeys.paths.title')}
      testId="journey-sankey"
      option={option}
      isLoading={isLoading}
      height={340}
      table={{
        name: `${journey.name[language]}-${t('journeys.paths.title')}`,
        columns: [t('journeys.paths.stage'), t('journeys.paths.reached'), t('journeys.paths.entered'), t('journeys.paths.dropped'), t('journeys.paths.dropRate')],
        rows: stages.map((s) => [names.get(s.key) ?? s.key, s.reached, s.enteredHere, s.droppedAfter, s.key === last ? null : pct(s.droppedAfter, s.reached)]),
      }}
      footer={
        <Typography.Text type="secondary" className="journey-footnote">
          {paths && paths.customers === 0 ? t('journeys.paths.none') : t('journeys.paths.help')}
        </Typography.Text>
      }
    />
  );
}
