import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { RETENTION_KINDS } from '../../../contracts/privacy.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { listHistory, type PrivacyHistoryItem } from './privacy.api.ts';

const COLOR: Record<PrivacyHistoryItem['action'], string> = { customer_exported: 'blue', customer_erased: 'red', retention_updated: 'gold' };

/** Exports, erasures and retention changes, newest first, from the audit log. */
export function HistoryCard({ changes }: { changes: number }) {
  const { t, i18n } = useTranslation();
  const history = useApiQuery((signal) => listHistory(signal), [changes]);
  const format = (iso: string) => new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const details = (item: PrivacyHistoryItem) => {
    const counts = (item.details?.counts ?? null) as Record<string, number> | null;
    if (counts) return t('privacy.history.rows', { count: Object.values(counts).reduce((a, b) => a + b, 0) });
    if (item.action === 'retention_updated' && item.details) {
      const limits = item.details as Record<string, number | null>;
      return RETENTION_KINDS.filter((k) => k in limits)
        .map((k) => `${t(`privacy.retention.fields.${k}`)}: ${limits[k] === null ? t('privacy.retention.forever') : `${limits[k]} ${t('privacy.retention.months')}`}`)
        .join(' · ') || t('common.none');
    }
    return t('common.none');
  };
  const columns: TableColumnsType<PrivacyHistoryItem> = [
    { title: t('privacy.history.at'), key: 'at', width: 190, render: (_, r) => format(r.at) },
    { title: t('privacy.history.action'), key: 'action', width: 150, render: (_, r) => <Tag color={COLOR[r.action]}>{t(`privacy.history.actions.${r.action}`)}</Tag> },
    {
      title: t('privacy.history.customer'),
      key: 'customer',
      responsive: ['md'],
      width: 310,
      render: (_, r) => (r.customerRef ? <Typography.Text className="privacy-ref">{r.customerRef}</Typography.Text> : t('common.none')),
    },
    { title: t('privacy.history.actor'), key: 'actor', width: 220, render: (_, r) => r.actor ?? t('privacy.history.system') },
    { title: t('privacy.history.details'), key: 'details', render: (_, r) => <span className="privacy-history-details">{details(r)}</span> },
  ];
  return (
    <Card title={t('privacy.history.title')} data-testid="privacy-history">
      <Typography.Paragraph type="secondary">{t('privacy.history.help')}</Typography.Paragraph>
      {history.error && !history.data ? (
        <LoadError error={history.error} onRetry={history.reload} />
      ) : (
        <Table<PrivacyHistoryItem>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={history.data ?? []}
          loading={history.isLoading && !history.data}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('privacy.history.empty') }}
        />
      )}
    </Card>
  );
}
