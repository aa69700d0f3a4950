import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, HistoryOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/client.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { PageHeader } from '../../shared/ui/PageHeader.tsx';
import { DeliveriesDrawer } from './DeliveriesDrawer.tsx';
import {
  createWebhook,
  deleteWebhook,
  eventKey,
  listDeliveries,
  listWebhooks,
  sendTestWebhook,
  updateWebhook,
  WEBHOOK_EVENTS,
  type CreatedWebhook,
  type Webhook,
  type WebhookInput,
} from './webhooks.api.ts';

/** Webhooks: endpoints that receive signed events, their delivery log and a test message. Admins only. */
export function WebhooksPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('webhooks.title')} subtitle={t('webhooks.subtitle')} />
      <WebhooksCard />
    </>
  );
}

function WebhooksCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const webhooks = useApiQuery((signal) => listWebhooks(signal), []);
  const [isAdding, setIsAdding] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const [form] = Form.useForm<WebhookInput>();

  const act = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) message.success(done);
      webhooks.reload();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };

  const add = async (values: WebhookInput) => {
    try {
      const result = await createWebhook({ url: values.url.trim(), description: values.description?.trim() ?? '', events: values.events });
      setIsAdding(false);
      form.resetFields();
      setCreated(result);
      webhooks.reload();
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'webhook_url_forbidden') throw new Error(t('webhooks.urlForbidden'));
      throw caught;
    }
  };

  const columns: TableColumnsType<Webhook> = [
    {
      title: t('webhooks.url'),
      key: 'url',
      render: (_, x) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code>{x.url}</Typography.Text>
          {x.description && <Typography.Text type="secondary">{x.description}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('webhooks.events'),
      key: 'events',
      render: (_, x) => (
        <Space size={[4, 4]} wrap>
          {x.events.map((e) => (
            <Tooltip key={e} title={e}>
              <Tag>{t(`webhooks.eventNames.${eventKey(e)}` as never, { defaultValue: e })}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    { title: t('webhooks.secret'), key: 'secret', render: (_, x) => <Typography.Text type="secondary">{x.secretHint}</Typography.Text> },
    {
      title: t('webhooks.enabled'),
      key: 'enabled',
      render: (_, x) => <Switch checked={x.enabled} aria-label={t('webhooks.enabled')} onChange={(on) => void act(() => updateWebhook(x.id, { enabled: on }))} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, x) => (
        <Space>
          <Button icon={<HistoryOutlined />} onClick={() => setLogOf(x)}>
            {t('webhooks.deliveries')}
          </Button>
          <Button icon={<SendOutlined />} onClick={() => void act(() => sendTestWebhook(x.id), t('webhooks.testQueued'))}>
            {t('webhooks.sendTest')}
          </Button>
          <Popconfirm title={t('webhooks.confirmDelete')} onConfirm={() => act(() => deleteWebhook(x.id))}>
            <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('webhooks.delete')} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('webhooks.endpoints')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsAdding(true)}>
          {t('webhooks.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('webhooks.help')}</Typography.Paragraph>
      {webhooks.error && <LoadError error={webhooks.error} onRetry={webhooks.reload} />}
      <Table<Webhook>
        rowKey="id"
        columns={columns}
        dataSource={webhooks.data ?? []}
        loading={webhooks.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('webhooks.empty') }}
        data-testid="webhooks-table"
      />
      <FormModal<WebhookInput> open={isAdding} title={t('webhooks.add')} form={form} initialValues={{ events: ['case.created'] }} onCancel={() => setIsAdding(false)} onSubmit={add}>
        <Form.Item name="url" label={t('webhooks.url')} extra={t('webhooks.urlHelp')} rules={[{ required: true, type: 'url', message: t('webhooks.urlRequired') }]}>
          <Input maxLength={500} placeholder="https://example.com/lodestar/webhooks" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="events" label={t('webhooks.events')} rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.eventsRequired') }]}>
          <Checkbox.Group>
            <Space direction="vertical" size={2}>
              {WEBHOOK_EVENTS.map((e) => (
                <Checkbox key={e} value={e}>
                  {t(`webhooks.eventNames.${eventKey(e)}` as never)} <Typography.Text type="secondary">({e})</Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </FormModal>
      <Modal open={created !== null} title={t('webhooks.secretTitle')} onOk={() => setCreated(null)} onCancel={() => setCreated(null)} cancelButtonProps={{ style: { display: 'none' } }} okText={t('webhooks.secretDone')}>
        <Alert type="warning" showIcon title={t('webhooks.secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: created?.secret ?? '' }} code data-testid="webhook-secret">
          {created?.secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('webhooks.secretHelp')}</Typography.Paragraph>
      </Modal>
      <DeliveriesDrawer
        title={logOf ? t('webhooks.log.title', { url: logOf.url }) : ''}
        loadKey={logOf?.id ?? null}
        load={(id, signal) => listDeliveries(id, signal).then((p) => p.items)}
        onClose={() => setLogOf(null)}
      />
    </Card>
  );
}
