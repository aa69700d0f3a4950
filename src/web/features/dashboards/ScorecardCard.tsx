import { Card, Col, Empty, Progress, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { getScorecard, type Scorecard } from './dashboards.api.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { formatKpiValue } from './kpi-format.ts';

type Item = Scorecard['items'][number];

/** The team scorecard for appraisal: each KPI's value, target, attainment and points, and the weighted score. */
export function ScorecardCard({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const localizedName = useLocalizedName();
  const card = useApiQuery((signal) => getScorecard(unitId, signal), [unitId]);
  const metricLabel = (m: string) => t(`dashboards.metrics.${m}` as ParseKeys);
  const columns: TableColumnsType<Item> = [
    { title: t('dashboards.kpi.name'), key: 'name', render: (_, k) => <>{localizedName({ name: k.name, nameEn: k.nameEn })} <Tag>{t(`dashboards.kpi.levels.${k.level}` as ParseKeys)}</Tag></> },
    { title: t('dashboards.kpi.metric'), key: 'metric', width: 150, render: (_, k) => metricLabel(k.metric) },
    { title: t('dashboards.kpi.owner'), key: 'owner', width: 100, render: (_, k) => k.ownerName ?? t('common.none') },
    { title: t('dashboards.kpi.weight'), dataIndex: 'weight', width: 70, align: 'right' },
    { title: t('dashboards.kpi.current'), key: 'current', width: 100, align: 'right', render: (_, k) => formatKpiValue(k.metric, k.current.value) },
    { title: t('dashboards.kpi.target'), key: 'target', width: 100, align: 'right', render: (_, k) => `${k.direction === 'lower' ? '≤' : '≥'} ${formatKpiValue(k.metric, k.target)}` },
    { title: t('dashboards.kpi.attainment'), key: 'attainment', width: 160, render: (_, k) => (k.current.attainment === null ? t('common.none') : <Progress percent={Math.round(k.current.attainment * 100)} size="small" status={k.current.met ? 'success' : 'normal'} />) },
    { title: t('dashboards.kpi.points'), dataIndex: 'contribution', width: 80, align: 'right', render: (v: number | null) => (v === null ? t('common.none') : v.toFixed(1)) },
  ];
  const table = card.data && {
    name: t('dashboards.scorecard.title'),
    columns: [t('dashboards.kpi.name'), t('dashboards.kpi.metric'), t('dashboards.kpi.owner'), t('dashboards.kpi.weight'), t('dashboards.kpi.current'), t('dashboards.kpi.target'), t('dashboards.kpi.attainment'), t('dashboards.kpi.points')],
    rows: card.data.items.map((k) => [localizedName({ name: k.name, nameEn: k.nameEn }), metricLabel(k.metric), k.ownerName, k.weight, k.current.value, k.target, k.current.attainment, k.contribution]),
  };
  if (card.error) return <LoadError error={card.error} onRetry={card.reload} />;
  return (
    <Card title={t('dashboards.scorecard.title')} size="small" extra={table && <ExportButtons table={table} testId="scorecard-export" />} data-testid="scorecard">
      <Row gutter={24} align="middle">
        <Col xs={24} md={5} style={{ textAlign: 'center' }}>
          <Typography.Text type="secondary">{t('dashboards.scorecard.score')}</Typography.Text>
          <div className="dash-score" data-testid="scorecard-score">{card.data?.score === null || card.data?.score === undefined ? '—' : card.data.score.toFixed(1)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {card.data && t('dashboards.scorecard.coverage', { covered: card.data.weightCovered, total: card.data.weightTotal })}
          </Typography.Text>
        </Col>
        <Col xs={24} md={19}>
          <Table<Item>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={card.data?.items}
            loading={card.isLoading}
            pagination={false}
            scroll={{ x: 860 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboards.scorecard.empty')} /> }}
          />
        </Col>
      </Row>
    </Card>
  );
}
