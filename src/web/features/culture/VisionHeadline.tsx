import { Card, Col, Row, Skeleton, Statistic, Tag, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ChartCard } from './ChartCard.tsx';
import { visionStateOption, type STATE_COLORS } from './culture-charts.ts';
import { overallOf, visionStateRow } from './culture-format.ts';
import { MATURITIES, VISION_STATES, type BenchmarkRow, type Maturity, type Overview } from './culture.api.ts';
import { FigureExplainer } from '../../shared/ui/FigureExplainer.tsx';

export const MATURITY_COLOURS: Record<Maturity, string> = { investigate: 'red', initiate: 'volcano', mobilise: 'gold', scale: 'blue', embed: 'green' };

/** The headline: respondents, overall maturity, and how employees see the vision beside the report's "all respondents". */
export function VisionHeadline({ overview, benchmarks, isLoading, thresholds }: { overview: Overview | undefined; benchmarks: BenchmarkRow[] | undefined; isLoading: boolean; thresholds?: { min: number; comments: number } }) {
  const { t } = useTranslation();
  const overall = overallOf(overview?.pillars);
  const maturity = overview?.maturity?.overall ?? null;
  const states = VISION_STATES.map((key) => ({ key: key as keyof typeof STATE_COLORS, label: t(`culture.terms.visionStates.${key}`) }));
  const reportShares = Object.fromEntries(VISION_STATES.map((s) => [s, visionStateRow(benchmarks, s)?.all]));
  const hasReport = Object.values(reportShares).some((v) => v !== undefined);
  const approx = VISION_STATES.some((s) => visionStateRow(benchmarks, s)?.approximate);
  const rows = [
    ...(overview?.visionState ? [{ label: t('culture.results.visionState.ours'), shares: overview.visionState }] : []),
    ...(hasReport ? [{ label: `${t('culture.results.visionState.report')}${approx ? ' (≈)' : ''}`, shares: reportShares }] : []),
  ];
  const option = overview?.visionState ? visionStateOption(rows, states) : null;

  return (
    <Row gutter={[16, 16]} className="culture-row">
      <Col xs={24} md={12} xl={5}>
        <Card size="small" className="culture-card culture-stat" data-testid="culture-respondents">
          <Typography.Text type="secondary">{t('culture.results.respondents')}</Typography.Text>
          {isLoading && !overview ? <Skeleton active paragraph={{ rows: 1 }} title={false} /> : <Statistic value={overview?.n ?? '—'} styles={{ content: { fontSize: 34, fontWeight: 600 } }} />}
          {thresholds && (
            <Typography.Paragraph type="secondary" className="culture-help">
              {t('culture.results.thresholdsNote', thresholds)}
            </Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} md={12} xl={5}>
        <Card size="small" className="culture-card culture-stat" data-testid="culture-maturity">
          <Typography.Text type="secondary">
            {t('culture.results.overallMaturity')}{' '}
            <Tooltip title={t('culture.terms.maturityHelp')}>
              <InfoCircleOutlined />
            </Tooltip>
          </Typography.Text>
          {isLoading && !overview ? (
            <Skeleton active paragraph={{ rows: 1 }} title={false} />
          ) : maturity ? (
            <div className="culture-maturity">
              <Tag color={MATURITY_COLOURS[maturity]} className="culture-maturity__tag">
                {t(`culture.terms.maturity.${maturity}`)}
              </Tag>
              <Typography.Text type="secondary">
                {t('culture.results.overallIndex', { value: overall === null ? '—' : overall.toFixed(0) })}
                <FigureExplainer figure="index" />
              </Typography.Text>
              <ol className="culture-ladder" aria-hidden="true">
                {[...MATURITIES].reverse().map((stage, i) => (
                  <li key={stage} className={stage === maturity ? 'culture-ladder__step culture-ladder__step--on' : 'culture-ladder__step'}>
                    <span>{t(`culture.terms.maturity.${stage}`)}</span>
                    <span>
                      {80 - i * 20}–{100 - i * 20}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          ) : (
            <Typography.Paragraph type="secondary">{t('culture.results.noMaturity')}</Typography.Paragraph>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <ChartCard
          title={t('culture.results.visionState.title')}
          option={option}
          isLoading={isLoading}
          height={rows.length > 1 ? 150 : 110}
          help={t('culture.results.visionState.help')}
          emptyText={t('culture.results.noMaturity')}
          testId="culture-vision-state"
        />
      </Col>
    </Row>
  );
}
