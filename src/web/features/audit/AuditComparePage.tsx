import { Alert, Card, Col, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { EChart } from '../../shared/charts/EChart.tsx';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { MATURITY_COLOURS, SCORE_COLOURS } from './audit-format.ts';
import { maturityOption } from './audit-charts.ts';
import { compareAudit, getAudit, type AuditComparison } from './audit.api.ts';
import { useAuditNames } from './use-audit.ts';
import './audit.css';

type Row = AuditComparison['rows'][number];

const score = (s: number | null) => (s === null ? '—' : <Tag color={SCORE_COLOURS[s]}>{s}</Tag>);

/** An audit against its baseline: the area maturity chart and summary, then every item with its change. */
export function AuditComparePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [language] = useLanguage();
  const { titleOf } = useAuditNames();
  const audit = useApiQuery((signal) => getAudit(id, signal), [id]);
  const cmp = useApiQuery((signal) => compareAudit(id, signal), [id]);
  if (audit.error || cmp.error) return <LoadError error={(audit.error ?? cmp.error)!} onRetry={cmp.reload} />;
  if (!audit.data || !cmp.data) return <Skeleton active />;
  const { rows, areas, baselineAuditId } = cmp.data;
  const areaTitle = new Map(areas.map((a) => [a.key, a.title[language]]));
  const improved = rows.filter((r) => (r.change ?? 0) > 0).length;
  const declined = rows.filter((r) => (r.change ?? 0) < 0).length;

  const columns = [
    { key: 'area', title: t('audit.compare.area'), render: (_: unknown, r: Row) => areaTitle.get(r.area), responsive: ['md' as const] },
    { key: 'item', title: t('audit.compare.item'), render: (_: unknown, r: Row) => r.title[language] },
    ...(baselineAuditId ? [{ key: 'baseline', title: t('audit.compare.baseline'), align: 'center' as const, render: (_: unknown, r: Row) => score(r.baseline) }] : []),
    { key: 'current', title: t('audit.compare.current'), align: 'center' as const, render: (_: unknown, r: Row) => score(r.current) },
    ...(baselineAuditId
      ? [
          {
            key: 'change',
            title: t('audit.compare.change'),
            align: 'center' as const,
            render: (_: unknown, r: Row) =>
              r.change === null ? '—' : <Typography.Text type={r.change > 0 ? 'success' : r.change < 0 ? 'danger' : 'secondary'} strong={r.change !== 0}>{r.change > 0 ? `+${r.change}` : r.change}</Typography.Text>,
          },
        ]
      : []),
  ];

  return (
    <>
      <Link to={`/audits/${id}`} className="audit-back">
        <ArrowLeftOutlined /> {titleOf(audit.data)}
      </Link>
      <PageHeader title={t('audit.compare.title')} subtitle={t('audit.compare.subtitle')} />
      {!baselineAuditId && <Alert type="info" showIcon title={t('audit.compare.noBaseline')} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('audit.compare.chart')}>
            <EChart
              height={Math.max(260, 48 * areas.length)}
              option={maturityOption(areas, { area: (a) => a.title[language], baseline: t('audit.compare.baseline'), current: t('audit.compare.current') })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('audit.audit.maturity')}>
            {baselineAuditId && (
              <Space size={32} style={{ marginBottom: 16 }}>
                <Statistic title={t('audit.compare.improved')} value={improved} styles={{ content: { color: '#389e0d' } }} />
                <Statistic title={t('audit.compare.declined')} value={declined} styles={{ content: { color: declined ? '#cf1322' : undefined } }} />
              </Space>
            )}
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={areas}
              columns={[
                { key: 'area', title: t('audit.compare.area'), render: (_: unknown, a: AuditComparison['areas'][number]) => a.title[language] },
                ...(baselineAuditId
                  ? [{ key: 'b', title: t('audit.compare.baseline'), render: (_: unknown, a: AuditComparison['areas'][number]) => (a.baseline ? <Tag color={MATURITY_COLOURS[a.baseline.level]}>{t(`audit.maturity.${a.baseline.level}`)}</Tag> : '—') }]
                  : []),
                { key: 'c', title: t('audit.compare.current'), render: (_: unknown, a: AuditComparison['areas'][number]) => (a.current ? <Tag color={MATURITY_COLOURS[a.current.level]}>{t(`audit.maturity.${a.current.level}`)}</Tag> : '—') },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Table rowKey="key" size="small" dataSource={rows} columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="audit-compare-table" />
      </Card>
    </>
  );
}
