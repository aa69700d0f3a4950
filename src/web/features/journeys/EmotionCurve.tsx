import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { DashChart } from '../dashboards/index.ts';
import type { Journey, JourneyMetrics } from './journeys.api.ts';

/** How customers feel along the journey: pooled NPS (left axis) and sentiment (right axis) per stage. */
export function EmotionCurve({ journey, metrics, isLoading }: { journey: Journey; metrics: JourneyMetrics | undefined; isLoading: boolean }) {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const stages = journey.stages.map((s) => s.name[language]);
  const byKey = new Map(metrics?.stages.map((s) => [s.key, s.emotion]));
  const nps = journey.stages.map((s) => byKey.get(s.key)?.nps.value ?? null);
  const sentiment = journey.stages.map((s) => byKey.get(s.key)?.sentiment.value ?? null);
  const hasData = [...nps, ...sentiment].some((v) => v !== null);
  const npsName = t('journeys.emotion.nps');
  const sentimentName = t('journeys.emotion.sentiment');
  const option = !metrics || !hasData
    ? null
    : {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 56, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: stages, boundaryGap: true },
        yAxis: [
          { type: 'value', name: npsName, min: -100, max: 100, splitLine: { lineStyle: { type: 'dashed' } } },
          { type: 'value', name: sentimentName, min: -1, max: 1, splitLine: { show: false } },
        ],
        series: [
          { name: npsName, type: 'line', data: nps.map((v) => (v === null ? null : Math.round(v * 10) / 10)), smooth: true, symbolSize: 10, lineStyle: { width: 3 }, connectNulls: false, label: { show: true, position: 'top' } },
          { name: sentimentName, type: 'line', yAxisIndex: 1, data: sentiment.map((v) => (v === null ? null : Math.round(v * 100) / 100)), smooth: true, symbolSize: 8, lineStyle: { type: 'dashed' } },
        ],
      };
  return (
    <DashChart
      title={t('journeys.emotion.title')}
      testId="journey-emotion"
      option={option}
      isLoading={isLoading}
      height={280}
      table={{ name: `${journey.name[language]}-${t('journeys.emotion.title')}`, columns: [t('journeys.paths.stage'), npsName, sentimentName], rows: stages.map((s, i) => [s, nps[i], sentiment[i]]) }}
      footer={
        <Typography.Text type="secondary" className="journey-footnote">
          {t('journeys.emotion.help', { min: metrics?.minN ?? 5 })}
        </Typography.Text>
      }
    />
  );
}
