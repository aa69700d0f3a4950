import { Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedIn } from '../../shared/session.tsx';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { byUrgency, isOverdue, listCases, OPEN_STATUSES } from '../workbench/index.ts';
import { lineOption } from './charts.ts';
import { getMetric, monthsStart, periodStart } from './dashboards.api.ts';
import { DashChart } from './DashChart.tsx';
import { HeadlineCard } from './HeadlineCards.tsx';
import { PeriodSelect, usePeriodDays } from './PeriodSelect.tsx';
import './dashboards.css';

/**
 * "How do customers feel about my work?": the NPS of the customers I served,
 * my average resolution time, my customers' sentiment over time and my open
 * cases (early warnings). Always the signed-in employee's own figures.
 */
export function PersonalDashboardPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [days, setDays] = usePeriodDays();
  const employeeId = user.employeeId ?? undefined;
  const filter = { from: periodStart(days), employeeId };
  const key = `${days}|${employeeId}`;
  const headline = useApiQuery((signal) => (employeeId ? Promise.all((['nps', 'resolution_time', 'sentiment'] as const).map((m) => getMetric(m, filter, signal))) : Promise.resolve(undefined)), [key]);
  const since = monthsStart(12);
  const sentiment = useApiQuery((signal) => (employeeId ? getMetric('sentiment', { employeeId, from: since, groupBy: 'month' }, signal) : Promise.resolve(undefined)), [employeeId]);
  const nps = useApiQuery((signal) => (employeeId ? getMetric('nps', { employeeId, from: since, groupBy: 'month' }, signal) : Promise.resolve(undefined)), [employeeId]);
  const cases = useApiQuery((signal) => (employeeId ? listCases({ ownerId: employeeId }, signal) : Promise.resolve([])), [employeeId]);
  const open = (cases.data ?? []).filter((c) => OPEN_STATUSES.includes(c.status)).sort(byUrgency);
  const now = new Date();

  if (!employeeId) {
    return (
      <>
        <PageHeader title={t('dashboards.personal.title')} />
        <Empty description={t('dashboards.personal.noEmployee')} />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('dashboards.personal.title')} subtitle={t('dashboards.personal.subtitle')} extra={<PeriodSelect value={days} onChange={setDays} />} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          {(['nps', 'resolution_time', 'sentiment'] as const).map((m, i) => (
            <Col key={m} xs={24} sm={12} xl={6}>
              <HeadlineCard metric={m} result={headline.data?.[i]} isLoading={headline.isLoading} suffix={m === 'resolution_time' ? t('dashboards.minutes') : undefined} />
            </Col>
          ))}
          <Col xs={24} sm={12} xl={6}>
            <Card size="small" className="dash-headline" data-testid="headline-open-cases">
              <Typography.Text type="secondary">{t('dashboards.personal.openCases')}</Typography.Text>
              <Statistic value={cases.isLoading && !cases.data ? '…' : open.length} styles={{ content: { fontSize: 30, fontWeight: 600 } }} />
              <Typography.Text type="secondary">{t('dashboards.personal.overdue', { count: open.filter((c) => isOverdue(c, now)).length })}</Typography.Text>
            </Card>
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <DashChart
              testId="chart-my-sentiment"
              title={t('dashboards.personal.sentimentCurve')}
              isLoading={sentiment.isLoading}
              option={sentiment.data?.rows.some((r) => r.value !== null) ? lineOption(sentiment.data.rows, t('dashboards.metrics.sentiment'), { min: -1, max: 1, digits: 2, area: true }) : null}
              table={sentiment.data && { name: t('dashboards.personal.sentimentCurve'), columns: [t('dashboards.columns.month'), t('dashboards.metrics.sentiment'), 'n'], rows: sentiment.data.rows.map((r) => [r.key, r.value, r.n]) }}
            />
          </Col>
          <Col xs={24} xl={12}>
            <DashChart
              testId="chart-my-nps"
              title={t('dashboards.personal.npsTrend')}
              isLoading={nps.isLoading}
              option={nps.data?.rows.some((r) => r.value !== null) ? lineOption(nps.data.rows, 'NPS', { min: -100, max: 100 }) : null}
              table={nps.data && { name: t('dashboards.personal.npsTrend'), columns: [t('dashboards.columns.month'), 'NPS', 'n'], rows: nps.data.rows.map((r) => [r.key, r.value, r.n]) }}
            />
          </Col>
        </Row>
        <Card size="small" title={t('dashboards.personal.warnings')} extra={<Link to="/workbench">{t('dashboards.personal.toWorkbench')}</Link>} data-testid="my-warnings">
          {open.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.personal.noWarnings')} />
          ) : (
            open.slice(0, 6).map((c) => (
              <div key={c.id} className="dash-case">
                <Space>
                  <Tag color={c.priority === 'urgent' || c.priority === 'high' ? 'red' : 'default'}>{t(`dashboards.priority.${c.priority}` as ParseKeys)}</Tag>
                  <Typography.Text>{c.title}</Typography.Text>
                </Space>
                {isOverdue(c, now) ? <Tag color="red">{t('dashboards.personal.overdueTag')}</Tag> : <Typography.Text type="secondary">{c.dueAt?.slice(0, 16).replace('T', ' ')}</Typography.Text>}
              </div>
            ))
          )}
        </Card>
      </Space>
    </>
  );
}
