import { useState } from 'react';
import { Alert, App, Button, Card, Form, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, MailOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { FormModal } from '../../shared/ui/FormModal.tsx';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { createSubscriptions, deleteSubscription, listSubscriptions, listUsers, type Lang, type ReportSubscription } from './reports.api.ts';

interface AddValues {
  emails: string[];
  lang: Lang;
}

/** Admins: who gets the review e-mailed on the 1st, with the last delivery of each. */
export function SubscriptionsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const subscriptions = useApiQuery((signal) => listSubscriptions(signal), []);
  const users = useApiQuery((signal) => listUsers(signal), []);
  const [isAdding, setIsAdding] = useState(false);
  const [form] = Form.useForm<AddValues>();

  const remove = async (s: ReportSubscription) => {
    try {
      await deleteSubscription(s.id);
      message.success(t('reports.subscriptions.removed'));
      subscriptions.reload();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  const add = async (values: AddValues) => {
    const result = await createSubscriptions(values);
    message.success(t('reports.subscriptions.added', { count: result.items.length }));
    setIsAdding(false);
    form.resetFields();
    subscriptions.reload();
  };

  const subscribed = new Set(subscriptions.data?.items.map((s) => s.email.toLowerCase()));
  const candidates = (users.data ?? []).filter((u) => !u.disabled && (u.role === 'admin' || u.role === 'manager') && !subscribed.has(u.email.toLowerCase()));
  const role = (r: string) => t(`reports.subscriptions.roles.${r as 'admin'}`);
  const columns: TableColumnsType<ReportSubscription> = [
    { title: t('reports.subscriptions.email'), dataIndex: 'email', key: 'email' },
    { title: t('reports.subscriptions.role'), key: 'role', render: (_, s) => <Tag>{role(s.role)}</Tag> },
    { title: t('reports.subscriptions.lang'), key: 'lang', render: (_, s) => t(`reports.languages.${s.lang}`) },
    {
      title: t('reports.subscriptions.lastSent'),
      key: 'lastSent',
      render: (_, s) => (
        <>
          {s.lastSentAt ? `${s.lastSentMonth} · ${new Date(s.lastSentAt).toLocaleString(i18n.language)}` : <Typography.Text type="secondary">{t('reports.subscriptions.never')}</Typography.Text>}
          {s.lastError && (
            <div>
              <Typography.Text type="danger">{t('reports.subscriptions.failed', { error: s.lastError })}</Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: '',
      key: 'actions',
      align: 'right',
      render: (_, s) => (
        <Popconfirm title={t('reports.subscriptions.removeConfirm', { email: s.email })} onConfirm={() => remove(s)}>
          <Button size="small" danger icon={<DeleteOutlined />}>
            {t('reports.subscriptions.remove')}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Card
      title={t('reports.subscriptions.title')}
      extra={
        <Button icon={<MailOutlined />} onClick={() => setIsAdding(true)}>
          {t('reports.subscriptions.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('reports.subscriptions.help')}</Typography.Paragraph>
      {subscriptions.data && !subscriptions.data.mailEnabled && <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={t('reports.subscriptions.mailDisabled')} />}
      {subscriptions.error ? (
        <LoadError error={subscriptions.error} onRetry={subscriptions.reload} />
      ) : (
        <Table rowKey="id" size="small" columns={columns} dataSource={subscriptions.data?.items ?? []} loading={subscriptions.isLoading} pagination={false} locale={{ emptyText: t('reports.subscriptions.empty') }} />
      )}
      <FormModal<AddValues> open={isAdding} title={t('reports.subscriptions.addTitle')} form={form} initialValues={{ lang: i18n.language === 'en' ? 'en' : 'zh-CN' }} onCancel={() => setIsAdding(false)} onSubmit={add}>
        <Form.Item name="emails" label={t('reports.subscriptions.people')} extra={t('reports.subscriptions.peopleHelp')} rules={[{ required: true, message: t('reports.subscriptions.peopleRequired') }]}>
          <Select mode="multiple" showSearch optionFilterProp="label" loading={users.isLoading} options={candidates.map((u) => ({ value: u.email, label: `${u.email} · ${role(u.role)}` }))} />
        </Form.Item>
        <Form.Item name="lang" label={t('reports.language')}>
          <Select<Lang> options={(['zh-CN', 'en'] as const).map((value) => ({ value, label: t(`reports.languages.${value}`) }))} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
