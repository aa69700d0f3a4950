import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useCursorPages } from '../../shared/api/use-cursor-pages.ts';
import { EChart } from '../../shared/charts/EChart.tsx';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { LoadMore } from '../../shared/ui/LoadMore.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { formatPct, percentColour } from './audit-format.ts';
import { scoreTrendOption, unitScoresOption } from './audit-charts.ts';
import { auditScoreByMonth, listAllAudits, listAudits, mysteryResults, type MysteryResults } from './audit.api.ts';
import { CreateAuditModal } from './CreateAuditModal.tsx';
import { useTouchpointName } from './use-audit.ts';
import { VisitsTable } from './VisitsTable.tsx';
import './audit.css';

type ResultRow = MysteryResults['rows'][number];

/** Mystery shopping: the audit_score trend and results by unit and touchpoint, then the visits to plan, send or score. */
export function MysteryShoppingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const localized = useLocalizedName();
  const touchpointName = useTouchpointName();
  const [planning, setPlanning] = useState(false);
  // Twelve whole months back, so the first month of the trend is not cut short.
  const from = useMemo(() => dayjs().startOf('month').subtract(11, 'month').format('YYYY-MM-DD'), []);
  // Open visits are all listed (they come first, to be done); completed ones grow without end and come a page at a time.
  const openVisits = useApiQuery((signal) => listAllAudits({ kind: 'mystery', status: 'open' }, signal), []);
  const doneVisits = useCursorPages('mystery-completed', (after, signal) => listAudits({ kind: 'mystery', status: 'completed' }, after, signal));
  const visitsError = openVisits.error ?? doneVisits.error;
  const reloadVisits = () => {
    openVisits.reload();
    doneVisits.reload();
  };
  const results = useApiQuery((signal) => mysteryResults(from, signal), [from]);
  const trend = useApiQuery((signal) => auditScoreByMonth(from, signal), [from]);

  const rows = results.data?.rows ?? [];
  const byUnit = new Map<string, { name: string; sum: number; n: number }>();
  for (const r of rows) {
    const u = byUnit.get(r.unitId) ?? { name: localized({ name: r.unitName, nameEn: r.unitNameEn }), sum: 0, n: 0 };
    u.sum += r.averageScore * r.visits;
    u.n += r.visits;
    byUnit.set(r.unitId, u);
  }
  const unitScores = [...byUnit.values()].map((u) => ({ name: u.name, score: u.sum / u.n }));

  const columns = [
    { key: 'unit', title: t('audit.mystery.columns.unit'), render: (_: unknown, r: ResultRow) => localized({ name: r.unitName, nameEn: r.unitNameEn }) },
    { key: 'touchpoint', title: t('audit.mystery.columns.touchpoint'), render: (_: unknown, r: ResultRow) => touchpointName(r.touchpoint) },
    { key: 'visits', title: t('audit.mystery.columns.visits'), align: 'right' as const, dataIndex: 'visits' },
    { key: 'average', title: t('audit.mystery.columns.average'), align: 'right' as const, render: (_: unknown, r: ResultRow) => <Tag color={percentColour(r.averageScore)}>{formatPct(r.averageScore)}</Tag> },
    { key: 'lowest', title: t('audit.mystery.columns.lowest'), align: 'right' as const, responsive: ['md' as const], render: (_: unknown, r: ResultRow) => formatPct(r.lowestScore) },
    { key: 'last', title: t('audit.mystery.columns.last'), responsive: ['lg' as const], render: (_: unknown, r: ResultRow) => dayjs(r.lastVisitAt).format('YYYY-MM-DD') },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.mystery.title')}
        subtitle={t('audit.mystery.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)} data-testid="mystery-plan">
            {t('audit.mystery.plan')}
          </Button>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('audit.mystery.trend')} extra={<Typography.Text type="secondary" className="audit-small">audit_score</Typography.Text>}>
            {trend.error ? (
              <LoadError error={trend.error} onRetry={trend.reload} />
            ) : trend.data && trend.data.rows.some((r) => r.value !== null) ? (
              <EChart height={280} option={scoreTrendOption(trend.data, { score: t('audit.mystery.columns.average'), visits: t('audit.mystery.columns.visits') })} />
            ) : (
              <Empty description={t('audit.mystery.noResults')} />
            )}
            <Typography.Text type="secondary" className="audit-small">
              {t('audit.mystery.trendNote')}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('audit.mystery.byUnit')}>
            {unitScores.length ? <EChart height={Math.max(200, 40 * unitScores.length + 40)} option={unitScoresOption(unitScores)} /> : <Empty description={t('audit.mystery.noResults')} />}
          </Card>
        </Col>
      </Row>
      <Card title={t('audit.mystery.results')} style={{ marginTop: 16 }}>
        {results.error ? (
          <LoadError error={results.error} onRetry={results.reload} />
        ) : (
          <Table rowKey={(r) => `${r.unitId}|${r.touchpoint}`} size="small" loading={results.isLoading} dataSource={rows} columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="mystery-results" />
        )}
      </Card>
      <Card title={t('audit.mystery.visits')} style={{ marginTop: 16 }}>
        {visitsError ? (
          <LoadError error={visitsError} onRetry={reloadVisits} />
        ) : (
          <>
            <VisitsTable visits={[...(openVisits.data ?? []), ...doneVisits.items]} isLoading={openVisits.isLoading || doneVisits.isLoading} onChanged={reloadVisits} />
            <LoadMore pages={doneVisits} label={t('audit.loadMore')} testId="visits-load-more" />
          </>
        )}
      </Card>
      <CreateAuditModal
        open={planning}
        kind="mystery"
        onClose={() => setPlanning(false)}
        onCreated={() => {
          setPlanning(false);
          void message.success(t('audit.mystery.planned'));
          reloadVisits();
        }}
      />
    </>
  );
}
