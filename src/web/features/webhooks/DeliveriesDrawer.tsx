import { Button, Drawer, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import type { WebhookDelivery } from './webhooks.api.ts';

const statusColor = { pending: 'processing', succeeded: 'success', failed: 'error' } as const;

interface DeliveriesDrawerProps {
  title: string;
  /** The endpoint or robot whose log is shown; null closes the drawer. */
  loadKey: string | null;
  /** A reader's name for an event (chat robots); integrators see the event's code by default. */
  eventLabel?: (eventName: string) => string;
  load: (id: string, signal: AbortSignal) => Promise<WebhookDelivery[]>;
  onClose: () => void;
}

/** The delivery log of one endpoint or chat robot: each message with its attempts (status code, duration, error, the start of the answer). */
export function DeliveriesDrawer({ title, loadKey, load, eventLabel, onClose }: DeliveriesDrawerProps) {
  const { t, i18n } = useTranslation();
  const deliveries = useApiQuery((signal) => (loadKey ? load(loadKey, signal) : Promise.resolve([])), [loadKey]);
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : t('common.none'));
  const columns: TableColumnsType<WebhookDelivery> = [
    { title: t('webhooks.log.at'), key: 'at', render: (_, d) => time(d.createdAt) },
    { title: t('webhooks.log.event'), key: 'event', render: (_, d) => (eventLabel ? eventLabel(d.eventName) : <Typography.Text code>{d.eventName}</Typography.Text>) },
    { title: t('webhooks.log.status'), key: 'status', render: (_, d) => <Tag color={statusColor[d.status]}>{t(`webhooks.log.statuses.${d.status}`)}</Tag> },
    { title: t('webhooks.log.attempts'), key: 'attempts', align: 'right', render: (_, d) => d.attempts },
    { title: t('webhooks.log.code'), key: 'code', render: (_, d) => d.lastError ?? d.lastStatusCode ?? t('common.none') },
    { title: t('webhooks.log.next'), key: 'next', render: (_, d) => time(d.nextAttemptAt) },
  ];
  return (
    <Drawer open={loadKey !== null} onClose={onClose} size="large" title={title} extra={<Button onClick={deliveries.reload}>{t('webhooks.log.refresh')}</Button>}>
      {deliveries.error && <LoadError error={deliveries.error} onRetry={deliveries.reload} />}
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={deliveries.data ?? []}
        loading={deliveries.isLoading}
        pagination={false}
        locale={{ emptyText: t('webhooks.log.empty') }}
        expandable={{
          expandedRowRender: (d) => (
            <Table
              rowKey="attempt"
              size="small"
              pagination={false}
              dataSource={d.log}
              columns={[
                { title: '#', dataIndex: 'attempt' },
                { title: t('webhooks.log.at'), key: 'at', render: (_, a) => time(a.at) },
                { title: t('webhooks.log.code'), key: 'code', render: (_, a) => a.statusCode ?? t('common.none') },
                { title: t('webhooks.log.duration'), key: 'ms', render: (_, a) => `${a.durationMs} ms` },
                { title: t('webhooks.log.error'), key: 'error', render: (_, a) => a.error ?? t('common.none') },
                { title: t('webhooks.log.response'), key: 'body', render: (_, a) => <Typography.Text ellipsis={{ tooltip: a.responseBody }} style={{ maxWidth: 240 }}>{a.responseBody ?? t('common.none')}</Typography.Text> },
              ]}
            />
          ),
        }}
      />
    </Drawer>
  );
}
