import { useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, HistoryOutlined, LockOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { DeliveriesDrawer } from '../webhooks/index.ts';
import { deleteChatRobot, eventKey, listChatRobotDeliveries, listChatRobots, sendChatRobotTest, updateChatRobot, type ChatRobot } from './chat-robots.api.ts';
import { RobotFormModal } from './RobotFormModal.tsx';

/** The chat apps' own colours, so a glance tells which group a robot posts to. */
const KIND_COLOURS: Record<ChatRobot['kind'], string> = { wecom: 'green', dingtalk: 'blue', feishu: 'geekblue', slack: 'purple' };

/** Chat robots: group robots that bring praise, new cases and warnings into the teams' chats. Admins only. */
export function ChatRobotsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('chatRobots.title')} subtitle={t('chatRobots.subtitle')} />
      <RobotsCard />
    </>
  );
}

function RobotsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const localizedName = useLocalizedName();
  const robots = useApiQuery((signal) => listChatRobots(signal), []);
  const [editing, setEditing] = useState<ChatRobot | 'new' | null>(null);
  const [logOf, setLogOf] = useState<ChatRobot | null>(null);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) message.success(done);
      robots.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const columns: TableColumnsType<ChatRobot> = [
    {
      title: t('chatRobots.name'),
      key: 'name',
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Space size={6}>
            <Tag color={KIND_COLOURS[r.kind]}>{t(`chatRobots.kinds.${r.kind}`)}</Tag>
            <Typography.Text strong>{r.name}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" ellipsis={{ tooltip: r.urlHint }} style={{ maxWidth: 220, fontSize: 12 }}>
            {r.urlHint}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('chatRobots.scope'),
      key: 'scope',
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <span>{r.unitId ? t('chatRobots.subtree', { unit: localizedName({ name: r.unitName ?? '', nameEn: r.unitNameEn }) }) : t('chatRobots.wholeOrg')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`chatRobots.languages.${r.language}`)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('chatRobots.events'),
      key: 'events',
      render: (_, r) => (
        <Space size={[4, 4]} wrap style={{ maxWidth: 220 }}>
          {r.events.map((e) => (
            <Tag key={e}>{t(`chatRobots.eventNames.${eventKey(e)}` as never, { defaultValue: e })}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('chatRobots.signing'),
      key: 'signed',
      render: (_, r) =>
        r.hasSecret ? (
          <Tooltip title={r.secretHint}>
            <Tag icon={<LockOutlined />} color="success">
              {t('chatRobots.signed')}
            </Tag>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('chatRobots.unsigned')}</Typography.Text>
        ),
    },
    {
      title: t('chatRobots.enabled'),
      key: 'enabled',
      render: (_, r) => <Switch checked={r.enabled} aria-label={t('chatRobots.enabled')} onChange={(on) => void act(() => updateChatRobot(r.id, { enabled: on }))} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" icon={<SendOutlined />} onClick={() => void act(() => sendChatRobotTest(r.id), t('chatRobots.testQueued'))}>
            {t('chatRobots.sendTest')}
          </Button>
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setLogOf(r)}>
            {t('chatRobots.deliveries')}
          </Button>
          <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('chatRobots.edit')} onClick={() => setEditing(r)} />
          <Popconfirm title={t('chatRobots.confirmDelete')} onConfirm={() => act(() => deleteChatRobot(r.id))}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('chatRobots.delete')} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('chatRobots.robots')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('chatRobots.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('chatRobots.help')}</Typography.Paragraph>
      {robots.error && <LoadError error={robots.error} onRetry={robots.reload} />}
      <Table<ChatRobot>
        rowKey="id"
        columns={columns}
        dataSource={robots.data ?? []}
        loading={robots.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('chatRobots.empty') }}
        data-testid="chat-robots-table"
      />
      <RobotFormModal
        robot={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          robots.reload();
        }}
      />
      <DeliveriesDrawer
        title={logOf ? t('chatRobots.logTitle', { name: logOf.name }) : ''}
        loadKey={logOf?.id ?? null}
        load={listChatRobotDeliveries}
        eventLabel={(e) => t(`chatRobots.eventNames.${eventKey(e)}` as never, { defaultValue: e })}
        onClose={() => setLogOf(null)}
      />
    </Card>
  );
}
