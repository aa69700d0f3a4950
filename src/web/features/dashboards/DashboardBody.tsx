import { useMemo, useState } from 'react';
import { Col, Row, Select, Space, Typography } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { pipeText } from '../../../contracts/survey-logic.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { FigureExplainer } from '../../shared/ui/FigureExplainer.tsx';
import { useLanguage, useLocalizedName } from '../../shared/i18n/use-language.ts';
import { useById, useUnits } from '../org/index.ts';
import { SCORE_RANGES, useCodeLabel, type CodeGroup } from '../responses/index.ts';
import { listSurveys } from '../surveys/index.ts';
import { npsBarOption, npsTrendOption, quadrantOption, quadrantPoints, topicsOption, xoOption } from './charts.ts';
import { getDrivers, getMetric, getXo, listTopics, monthsStart, periodStart, type MetricFilter } from './dashboards.api.ts';
import { DashChart } from './DashChart.tsx';
import { GoalsCard } from './GoalsCard.tsx';
import { HeadlineCards } from './HeadlineCards.tsx';

/**
 * The executive and unit dashboards' shared body: headline cards, NPS trend
 * with its margin band, NPS by unit, key drivers, X×O and comment topics,
 * for the whole organisation (within the caller's scope) or one unit subtree.
 */
export function DashboardBody({ unitId, days, showGoals }: { unitId?: string; days: number; showGoals?: boolean }) {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const codeLabel = useCodeLabel();
  const [language] = useLanguage();
  const units = useUnits();
  const unitsById = useById(units.data);
  const from = periodStart(days);
  const filter: MetricFilter = useMemo(() => ({ from, ...(unitId ? { unitId } : {}) }), [from, unitId]);
  const key = JSON.stringify(filter);

  const surveys = useApiQuery((signal) => listSurveys(signal), []);
  const [pickedSurvey, setPickedSurvey] = useState<string>();
  const surveyId = pickedSurvey ?? surveys.data?.find((s) => s.status === 'active')?.id ?? surveys.data?.[0]?.id;
  const survey = surveys.data?.find((s) => s.id === surveyId);

  const trend = useApiQuery((signal) => getMetric('nps', { unitId, from: monthsStart(12), groupBy: 'month' }, signal), [unitId]);
  const byUnit = useApiQuery((signal) => getMetric('nps', { ...filter, groupBy: 'unit' }, signal), [key]);
  const xo = useApiQuery((signal) => getXo(filter, signal), [key]);
  const topics = useApiQuery((signal) => listTopics({ from: new Date(`${from}T00:00:00`).toISOString(), unitId, limit: 30 }, signal), [key]);
  const drivers = useApiQuery((signal) => (surveyId ? getDrivers({ ...filter, surveyId }, signal) : Promise.resolve(undefined)), [key, surveyId]);

  const unitRows = (byUnit.data?.rows ?? []).filter((r) => r.n > 0).map((r) => ({ name: r.key === 'none' ? t('dashboards.noUnit') : localizedName(unitsById.get(r.key)) || r.key, value: r.value, n: r.n }));
  const piped = { 'employee.name': t('dashboards.drivers.piped.employee'), 'unit.name': t('dashboards.drivers.piped.unit'), touchpoint: t('dashboards.drivers.piped.touchpoint') };
  const driverName = (driver: string) => {
    const [kind, name = ''] = driver.split(/:(.*)/s);
    if (kind === 'question') {
      const q = survey?.questions.find((x) => x.key === name);
      const title = q ? (language === 'en' ? q.title.en : q.title['zh-CN']) : '';
      // A title may pipe the serving employee, unit or touchpoint: a report speaks of them in general.
      return title ? pipeText(title, piped, language) : name;
    }
    if (kind === 'touchpoint' || kind === 'channel') return codeLabel(`${kind}s` as CodeGroup, name);
    return t(`dashboards.drivers.odata.${name}` as ParseKeys, { defaultValue: name });
  };
  const scaleOf = (driver: string) => {
    const q = survey?.questions.find((x) => `question:${x.key}` === driver);
    if (!q) return null;
    return q.type === 'nps' || q.type === 'csat' || q.type === 'ces' ? SCORE_RANGES[q.type] : q.type === 'rating' ? { min: 1, max: 5 } : null;
  };
  const points = drivers.data ? quadrantPoints(drivers.data, scaleOf, driverName) : [];
  const groups = { promoter: t('dashboards.groups.promoter'), passive: t('dashboards.groups.passive'), detractor: t('dashboards.groups.detractor') };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <HeadlineCards filter={filter} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={showGoals ? 15 : 24}>
          <DashChart
            testId="chart-nps-trend"
            title={
              <>
                {t('dashboards.charts.npsTrend')}
                <FigureExplainer figure="marginOfError" />
              </>
            }
            isLoading={trend.isLoading}
            option={trend.data ? npsTrendOption(trend.data, { nps: t('dashboards.metrics.nps'), band: t('dashboards.ci95'), n: t('dashboards.n') }) : null}
            table={trend.data && { name: t('dashboards.charts.npsTrend'), columns: [t('dashboards.columns.month'), 'NPS', t('dashboards.columns.ciLow'), t('dashboards.columns.ciHigh'), 'n'], rows: trend.data.rows.map((r) => [r.key, r.value, r.ci95?.[0], r.ci95?.[1], r.n]) }}
          />
        </Col>
        {showGoals && (
          <Col xs={24} xl={9}>
            <GoalsCard />
          </Col>
        )}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <DashChart
            testId="chart-nps-by-unit"
            title={t('dashboards.charts.npsByUnit')}
            isLoading={byUnit.isLoading}
            height={Math.max(240, unitRows.length * 34)}
            option={byUnit.data ? npsBarOption(unitRows, 'NPS') : null}
            table={{ name: t('dashboards.charts.npsByUnit'), columns: [t('dashboards.columns.unit'), 'NPS', 'n'], rows: unitRows.map((r) => [r.name, r.value, r.n]) }}
          />
        </Col>
        <Col xs={24} xl={12}>
          <DashChart
            testId="chart-drivers"
            title={t('dashboards.charts.drivers')}
            isLoading={drivers.isLoading}
            extra={
              (surveys.data?.length ?? 0) > 1 && (
                <Select size="small" value={surveyId} onChange={setPickedSurvey} options={surveys.data?.map((s) => ({ value: s.id, label: s.name }))} style={{ width: 160 }} />
              )
            }
            option={points.length ? quadrantOption(points, { performance: t('dashboards.drivers.performance'), importance: t('dashboards.drivers.importance'), significant: t('dashboards.significant'), notSignificant: t('dashboards.notSignificant'), fix: t('dashboards.drivers.fixFirst'), keep: '' }) : null}
            table={drivers.data && {
              name: t('dashboards.charts.drivers'),
              columns: [t('dashboards.columns.driver'), t('dashboards.drivers.coefficient'), 'p', t('dashboards.drivers.importance'), t('dashboards.drivers.performanceRaw')],
              rows: drivers.data.drivers.map((d) => [driverName(d.driver), d.coefficient, d.pValue, d.importance, d.performance]),
            }}
            footer={drivers.data && <Typography.Text type="secondary" className="dash-footnote">{t('dashboards.drivers.footnote', { n: drivers.data.n, r2: drivers.data.r2 === null ? '—' : drivers.data.r2.toFixed(2) })}</Typography.Text>}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <DashChart
            testId="chart-xo"
            title={t('dashboards.charts.xo')}
            isLoading={xo.isLoading}
            option={xo.data && xo.data.rows.some((r) => r.n > 0) ? xoOption(xo.data, { group: groups, churn: t('dashboards.xo.churn'), conversion: t('dashboards.xo.conversion'), spend: t('dashboards.xo.spend') }) : null}
            table={xo.data && { name: t('dashboards.charts.xo'), columns: [t('dashboards.columns.group'), 'n', t('dashboards.xo.churn'), t('dashboards.xo.conversion'), t('dashboards.xo.spend')], rows: xo.data.rows.map((r) => [groups[r.group], r.n, r.churnRate, r.conversionRate, r.meanSpend]) }}
            footer={xo.data?.detractorVsPromoterChurn.change !== null && xo.data && (
              <Typography.Text type="secondary" className="dash-footnote" data-testid="xo-footnote">
                {t(xo.data.detractorVsPromoterChurn.significant ? 'dashboards.xo.footnoteSignificant' : 'dashboards.xo.footnote', { change: xo.data.detractorVsPromoterChurn.change!.toFixed(1) })}
              </Typography.Text>
            )}
          />
        </Col>
        <Col xs={24} xl={12}>
          <DashChart
            testId="chart-topics"
            title={t('dashboards.charts.topics')}
            isLoading={topics.isLoading}
            option={topics.data?.length ? topicsOption(topics.data, { n: t('dashboards.n'), sentiment: t('dashboards.metrics.sentiment') }) : null}
            table={topics.data && { name: t('dashboards.charts.topics'), columns: [t('dashboards.columns.topic'), 'n', t('dashboards.metrics.sentiment'), t('dashboards.columns.positive'), t('dashboards.columns.negative')], rows: topics.data.map((x) => [x.topic, x.n, x.sentiment, x.positive, x.negative]) }}
            footer={<Typography.Text type="secondary" className="dash-footnote">{t('dashboards.topicsFootnote')}</Typography.Text>}
          />
        </Col>
      </Row>
    </Space>
  );
}
