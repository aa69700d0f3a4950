import { useEffect, useState } from 'react';
import { Button, Card, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLanguage } from '../../shared/i18n/use-language.ts';
import { listMessages, type Message } from './distribution.api.ts';
import { MessageChannelsStatus } from './MessageChannelsStatus.tsx';

const STATUS_COLOURS: Record<Message['status'], string> = { queued: 'gold', sent: 'green', failed: 'red' };

/** The outbox: invitations and reminders, queued until SMTP sends them (or for an admin to read when none is configured). */
export function MessagesCard() {
  const { t } = useTranslation();
  const [language] = useLanguage();
  const errorMessage = useErrorMessage();
  const [items, setItems] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' });

  const load = async (after: string | null) => {
    setIsLoading(true);
    try {
      const page = await listMessages(after);
      setItems((shown) => (after ? [...shown, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsLoading(false);
    }
  };
  useEffect(() => void load(null), []);

  const columns: TableColumnsType<Message> = [
    { title: t('distribution.messages.createdAt'), key: 'createdAt', render: (_, m) => dateTime.format(new Date(m.createdAt)) },
    { title: t('distribution.messages.kind'), key: 'kind', render: (_, m) => t(`distribution.kinds.${m.kind === 'invitation' ? 'invitation' : 'reminder'}`) },
    { title: t('distribution.triggers.channel'), key: 'channel', render: (_, m) => (m.channel === 'sms' || m.channel === 'email' ? t(`distribution.channels.${m.channel}`) : m.channel) },
    { title: t('distribution.messages.recipient'), key: 'recipient', render: (_, m) => m.recipient ?? t('common.none') },
    {
      title: t('distribution.messages.subject'),
      key: 'subject',
      render: (_, m) => (
        <Tooltip title={<span className="distribution__body">{m.body}</span>}>
          <Typography.Text className="distribution__subject" ellipsis>
            {m.subject}
          </Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('distribution.messages.status'),
      key: 'status',
      render: (_, m) => (
        <Tooltip title={m.lastError ? t('distribution.messages.lastError', { attempts: m.attempts, error: m.lastError }) : undefined}>
          <Tag color={STATUS_COLOURS[m.status]}>{t(`distribution.statuses.${m.status}`)}</Tag>
        </Tooltip>
      ),
    },
  ];

  return (
    <Card title={t('distribution.messages.title')} extra={<Button onClick={() => void load(null)}>{t('distribution.messages.refresh')}</Button>}>
      <Typography.Paragraph type="secondary">{t('distribution.messages.help')}</Typography.Paragraph>
      <MessageChannelsStatus />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      <Table<Message>
        rowKey="id"
        columns={columns}
        dataSource={items}
        loading={isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('distribution.messages.empty') }}
        data-testid="messages-table"
      />
      {cursor && (
        <Button className="distribution__more" block onClick={() => void load(cursor)} loading={isLoading}>
          {t('distribution.messages.more')}
        </Button>
      )}
    </Card>
  );
}
