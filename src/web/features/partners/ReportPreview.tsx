import { useState } from 'react';
import { Alert, Col, Empty, Flex, List, Row, Segmented, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PARTNER_LIMITS } from '../../../contracts/partners.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getOwnReport, getPartnerReport, type PartnerReport } from './partners.api.ts';
import './partners.css';

const SENTIMENT_COLOR = { positive: 'green', neutral: 'default', negative: 'red' } as const;

/**
 * The partner's report exactly as the partner sees it, for a chosen period: the organisation's preview of a partner's
 * (`partnerId`), or, without one, a signed-in partner login's own (`/partner-report`; the server knows the partner).
 * The period is the component's own unless the caller holds it (`days` and `onDaysChange`), as the partner's home page
 * does so that a reply answers the period on screen.
 */
export function ReportPreview({ partnerId, days: heldDays, onDaysChange }: { partnerId?: string; days?: number; onDaysChange?: (days: number) => void }) {
  const { t } = useTranslation();
  const [ownDays, setOwnDays] = useState<number>(90);
  const days = heldDays ?? ownDays;
  const setDays = onDaysChange ?? setOwnDays;
  const report = useApiQuery((signal) => (partnerId ? getPartnerReport(partnerId, days, signal) : getOwnReport(days, signal)), [partnerId, days]);
  const r = report.data;
  return (
    <div data-testid="partner-report">
      {!partnerId && r && (
        <Typography.Title level={4} className="partner-own__name">
          {r.partner.name} <Tag color="blue">{t(`partners.kinds.${r.partner.kind}`)}</Tag>
        </Typography.Title>
      )}
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={{ flex: '1 1 260px' }}>
          {partnerId ? t('partners.reportHelp') : t('partners.home.reportHelp')}
        </Typography.Text>
        {/* A partner reads its own report on a phone too: short labels keep the three periods within its width. */}
        <Segmented
          value={days}
          onChange={(v) => setDays(Number(v))}
          options={PARTNER_LIMITS.periods.map((d) => ({ value: d, label: partnerId ? t('partners.period', { days: d }) : t('partners.home.period', { days: d }) }))}
        />
      </Flex>
      {report.error && <LoadError error={report.error} onRetry={report.reload} />}
      {r && (
        <Flex vertical gap={16}>
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Figure label={t('partners.nps')} metric={r.metrics.nps} digits={1} />
            </Col>
            <Col xs={24} sm={8}>
              <Figure label={t('partners.csat')} metric={r.metrics.csat} digits={2} />
            </Col>
            <Col xs={24} sm={8}>
              <Statistic title={t('partners.comments')} value={r.comments} />
            </Col>
          </Row>
          <Themes report={r} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('partners.verbatims')}
          </Typography.Title>
          {r.verbatimsShown ? (
            <List
              size="small"
              bordered
              pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
              dataSource={r.verbatims}
              renderItem={(v) => (
                <List.Item extra={v.sentiment && <Tag color={SENTIMENT_COLOR[v.sentiment]}>{t(`partners.sentiment.${v.sentiment}`)}</Tag>}>{v.text}</List.Item>
              )}
            />
          ) : (
            <Alert type="info" showIcon title={t('partners.verbatimsWithheld', { count: r.comments, min: r.minComments })} />
          )}
        </Flex>
      )}
    </div>
  );
}

function Figure({ label, metric, digits }: { label: string; metric: PartnerReport['metrics']['nps']; digits: number }) {
  const { t } = useTranslation();
  const delta = metric.value !== null && metric.previous !== null ? metric.value - metric.previous : null;
  return (
    <Statistic
      title={label}
      value={metric.value ?? '—'}
      precision={metric.value === null ? undefined : digits}
      suffix={
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {metric.value === null ? t('partners.tooFewAnswers', { min: PARTNER_LIMITS.minAnswers }) : t('partners.answers', { count: metric.answers })}
          {metric.previous !== null && (
            <>
              {' · '}
              {t('partners.previous', { value: metric.previous.toFixed(digits) })}
              {delta !== null && delta !== 0 && <Typography.Text type={delta > 0 ? 'success' : 'danger'}>{` ${delta > 0 ? '▲' : '▼'}${Math.abs(delta).toFixed(digits)}`}</Typography.Text>}
            </>
          )}
        </Typography.Text>
      }
    />
  );
}

function Themes({ report }: { report: PartnerReport }) {
  const { t } = useTranslation();
  if (!report.themes.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('partners.noThemes')} />;
  const most = Math.max(...report.themes.map((th) => th.mentions));
  return (
    <div>
      <Typography.Title level={5}>{t('partners.themes')}</Typography.Title>
      {report.themes.map((th) => (
        // Topic, bar and count side by side; on a phone the bar takes a line of its own (partners.css).
        <div key={th.topic} className="partner-theme">
          <Typography.Text ellipsis className="partner-theme__topic">
            {th.topic}
          </Typography.Text>
          {/* Bar length: mentions against the most mentioned theme; green, grey and red: positive, neutral and negative mentions. */}
          <div className="partner-theme-bar" style={{ width: `${(100 * th.mentions) / most}%` }}>
            <span className="is-positive" style={{ flexGrow: th.positive }} />
            <span className="is-neutral" style={{ flexGrow: th.mentions - th.positive - th.negative }} />
            <span className="is-negative" style={{ flexGrow: th.negative }} />
          </div>
          <Typography.Text type="secondary" className="partner-theme__count">
            {t('partners.mentions', { count: th.mentions })}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}
