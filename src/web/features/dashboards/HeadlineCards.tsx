import { Card, Col, Row, Skeleton, Statistic, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { FigureExplainer } from '../../shared/ui/FigureExplainer.tsx';
import { getMetric, type MetricFilter, type MetricName, type MetricResult } from './dashboards.api.ts';

const DIGITS: Partial<Record<MetricName, number>> = { nps: 1, csat: 2, ces: 2, fcr: 1, resolution_time: 0, sentiment: 2 };
const SUFFIX: Partial<Record<MetricName, string>> = { fcr: '%' };
/** Where a fall is the good news. */
const LOWER_IS_BETTER = new Set<MetricName>(['resolution_time', 'churn_rate']);

/** One headline figure: the period's value, its change against the previous period of equal length and whether that change is significant. */
export function HeadlineCard({ metric, result, isLoading, suffix }: { metric: MetricName; result: MetricResult | undefined; isLoading: boolean; suffix?: string }) {
  const { t } = useTranslation();
  const row = result?.rows[0];
  const cmp = result?.comparison;
  const digits = DIGITS[metric] ?? 1;
  const change = cmp?.change ?? null;
  const isGood = change === null || change === 0 ? null : (change > 0) !== LOWER_IS_BETTER.has(metric);
  const color = isGood === null ? undefined : isGood ? '#389e0d' : '#cf1322';
  return (
    <Card size="small" className="dash-headline" data-testid={`headline-${metric}`}>
      <Typography.Text type="secondary">{t(`dashboards.metrics.${metric}` as ParseKeys)}</Typography.Text>
      {metric === 'nps' && <FigureExplainer figure="nps" />}
      {isLoading && !result ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : (
        <>
          <Statistic value={row?.value ?? '—'} precision={row?.value === null || row?.value === undefined ? undefined : digits} suffix={row?.value === null ? undefined : (suffix ?? SUFFIX[metric])} styles={{ content: { fontSize: 30, fontWeight: 600 } }} />
          <div className="dash-headline__change">
            {change === null ? (
              <Typography.Text type="secondary">{t('dashboards.noComparison')}</Typography.Text>
            ) : (
              <>
                <span style={{ color }}>
                  {change > 0 ? <ArrowUpOutlined /> : change < 0 ? <ArrowDownOutlined /> : <MinusOutlined />} {change > 0 ? '+' : ''}
                  {change.toFixed(digits)}
                </span>
                <Typography.Text type="secondary"> {t('dashboards.vsPrevious')}</Typography.Text>{' '}
                <span className="dash-headline__significance">
                  <Tooltip title={t('dashboards.significanceHelp', { p: cmp?.pValue === null || cmp?.pValue === undefined ? '—' : cmp.pValue < 0.001 ? '< 0.001' : cmp.pValue.toFixed(3) })}>
                    <Tag color={cmp?.significant ? (isGood ? 'green' : 'red') : 'default'} data-testid={`headline-${metric}-significance`}>
                      {cmp?.significant ? t('dashboards.significant') : t('dashboards.notSignificant')}
                    </Tag>
                  </Tooltip>
                  <FigureExplainer figure="significance" />
                </span>
              </>
            )}
          </div>
          <Typography.Text type="secondary" className="dash-headline__n">
            n = {row?.n ?? 0}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}

/** The four headline metrics of a period: NPS, CSAT, CES and first-contact resolution. */
export function HeadlineCards({ filter, metrics = ['nps', 'csat', 'ces', 'fcr'] }: { filter: MetricFilter; metrics?: MetricName[] }) {
  const key = JSON.stringify(filter);
  const results = useApiQuery((signal) => Promise.all(metrics.map((m) => getMetric(m, filter, signal))), [key, metrics.join()]);
  return (
    <Row gutter={[16, 16]}>
      {metrics.map((m, i) => (
        <Col key={m} xs={24} sm={12} xl={6}>
          <HeadlineCard metric={m} result={results.data?.[i]} isLoading={results.isLoading} />
        </Col>
      ))}
    </Row>
  );
}
