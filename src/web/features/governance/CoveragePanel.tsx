import { Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { formatDate, quarterStart } from './governance-format.ts';
import { getCoverage, type Coverage } from './governance.api.ts';

type Row = Coverage['rows'][number];

/** Sessions per person who should listen over the last four quarters, silent people and overdue ones flagged. */
export function CoveragePanel() {
  const { t, i18n } = useTranslation();
  const coverage = useApiQuery((signal) => getCoverage(quarterStart(3), quarterStart(-1), signal), []);
  const quarters = coverage.data?.quarters ?? [];
  const columns: TableColumnsType<Row> = [
    {
      title: t('governance.listening.person'),
      key: 'person',
      render: (_, r) => (
        <Space size={4} wrap>
          <span className="governance-nowrap">{r.name}</span>
          {r.committeeRole && <Tag color="gold">{t(`governance.roles.${r.committeeRole}`)}</Tag>}
        </Space>
      ),
    },
    ...quarters.map((q) => ({ title: q, key: q, align: 'right' as const, render: (_: unknown, r: Row) => r.byQuarter[q] ?? 0 })),
    { title: t('governance.coverage.sessions'), dataIndex: 'sessions', align: 'right' },
    { title: t('governance.coverage.lastSession'), key: 'last', render: (_, r) => <span className="governance-nowrap">{r.lastAt ? formatDate(r.lastAt, i18n.language) : t('governance.coverage.never')}</span> },
    {
      title: t('governance.coverage.cadence'),
      key: 'cadence',
      render: (_, r) =>
        r.cadenceWeeks === null ? <Typography.Text type="secondary">{t('governance.coverage.noCadence')}</Typography.Text> : t('governance.rotation.every', { count: r.cadenceWeeks }),
    },
    { title: t('governance.coverage.planned'), dataIndex: 'planned', align: 'right' },
    { key: 'overdue', render: (_, r) => r.overdue && <Tag color="error">{t('governance.overdue')}</Tag> },
  ];
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('governance.coverage.help')}</Typography.Paragraph>
      {coverage.error && <LoadError error={coverage.error} onRetry={coverage.reload} />}
      <Table<Row>
        rowKey="employeeId"
        size="small"
        columns={columns}
        dataSource={coverage.data?.rows ?? []}
        loading={coverage.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(r) => (r.overdue ? 'governance-row--overdue' : r.sessions === 0 ? 'governance-row--silent' : '')}
        locale={{ emptyText: t('governance.coverage.nobody') }}
      />
    </Card>
  );
}
