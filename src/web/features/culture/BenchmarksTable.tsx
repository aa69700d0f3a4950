import { Alert, Card, Skeleton, Table, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { benchmarkLabel, refText } from './culture-format.ts';
import type { BenchmarkRow } from './culture.api.ts';

/** Our figures beside the report's, as a labelled reference column: "≈" marks values read from a chart; context, never targets. */
export function BenchmarksTable({ rows, isLoading, wholeOrg }: { rows: BenchmarkRow[] | undefined; isLoading: boolean; wholeOrg?: boolean }) {
  const { t, i18n } = useTranslation();
  const [language] = useLanguage();
  const ref = (who: 'visionaries' | 'others' | 'all') => ({
    key: who,
    title: t(`culture.results.benchmarks.${who}`),
    align: 'right' as const,
    className: 'culture-bench__ref',
    render: (_: unknown, row: BenchmarkRow) => refText(row, who),
  });
  const columns = [
    {
      key: 'item',
      title: t('culture.results.benchmarks.item'),
      render: (_: unknown, row: BenchmarkRow) => (
        <>
          {benchmarkLabel(row, t, (key) => i18n.exists(key), language)}
          {row.note && (
            <Tooltip title={row.note[language]}>
              <InfoCircleOutlined className="culture-bench__note" />
            </Tooltip>
          )}
        </>
      ),
    },
    {
      key: 'ours',
      title: t('culture.results.benchmarks.ours'),
      align: 'right' as const,
      className: 'culture-bench__ours',
      render: (_: unknown, row: BenchmarkRow) =>
        row.ours === null ? <Typography.Text type="secondary">{t('culture.results.benchmarks.hidden')}</Typography.Text> : <b>{Math.round(row.ours)}%</b>,
    },
    ref('visionaries'),
    ref('others'),
    ref('all'),
  ];
  return (
    <Card
      size="small"
      className="culture-card"
      title={t('culture.results.benchmarks.title')}
      extra={wholeOrg ? <Typography.Text type="secondary">{t('culture.results.benchmarks.wholeOrg')}</Typography.Text> : undefined}
      data-testid="culture-benchmarks"
    >
      <Alert type="info" showIcon title={t('culture.results.benchmarks.note')} className="culture-bench__alert" />
      {isLoading && !rows ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Table rowKey="item" size="small" columns={columns} dataSource={rows ?? []} pagination={false} scroll={{ x: true }} />
      )}
    </Card>
  );
}
