import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PARTNER_LIMITS } from '../../../contracts/partners.ts';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { LoadError } from '../../shared/ui/LoadError.tsx';
import { createShareLink, listShareLinks, revokeShareLink, type CreatedShareLink, type ShareLink } from './partners.api.ts';
import { usePartnerErrorMessage } from './use-partner-error.ts';

const STATUS_COLOR: Record<ShareLink['status'], string> = { active: 'success', expired: 'default', revoked: 'error' };

interface LinkForm {
  expiresOn: Dayjs;
  passcode: string;
}

/** A partner's share links: create one (its address is shown once, to copy), see their use, revoke. */
export function ShareLinks({ partnerId, canManage, onChanged }: { partnerId: string; canManage: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = usePartnerErrorMessage();
  const links = useApiQuery((signal) => listShareLinks(partnerId, signal), [partnerId]);
  const [created, setCreated] = useState<CreatedShareLink | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [form] = Form.useForm<LinkForm>();
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : t('partners.never'));

  const create = async (values: LinkForm) => {
    setIsSaving(true);
    try {
      // The end of the chosen day, so a link "until the 31st" works all day on the 31st.
      setCreated(await createShareLink(partnerId, { expiresAt: values.expiresOn.endOf('day').toISOString(), passcode: values.passcode }));
      form.resetFields();
      links.reload();
      onChanged();
    } catch (caught) {
      message.error(errorText(caught));
    } finally {
      setIsSaving(false);
    }
  };
  const revoke = async (linkId: string) => {
    try {
      await revokeShareLink(partnerId, linkId);
      links.reload();
      onChanged();
    } catch (caught) {
      message.error(errorText(caught));
    }
  };

  const columns: TableColumnsType<ShareLink> = [
    { title: t('partners.status'), key: 'status', render: (_, l) => <Tag color={STATUS_COLOR[l.status]}>{t(`partners.statuses.${l.status}`)}</Tag> },
    { title: t('partners.expiresAt'), key: 'expires', render: (_, l) => new Date(l.expiresAt).toLocaleDateString(i18n.language) },
    { title: t('partners.views'), dataIndex: 'views', align: 'right' },
    { title: t('partners.lastViewed'), key: 'last', render: (_, l) => when(l.lastViewedAt) },
    { title: t('partners.failures'), dataIndex: 'recentFailures', align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
  ];
  // Managers read the links; only admins revoke them.
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, l) =>
        l.status === 'active' ? (
          <Popconfirm title={t('partners.confirmRevoke')} onConfirm={() => void revoke(l.id)}>
            <Button size="small" danger data-testid="link-revoke">
              {t('partners.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  return (
    <div data-testid="partner-links">
      <Typography.Paragraph type="secondary">{t('partners.linksHelp')}</Typography.Paragraph>
      {created && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setCreated(null) }}
          title={t('partners.created')}
          description={
            <Space orientation="vertical">
              <Typography.Text copyable={{ text: created.url }} className="partner-link-url" data-testid="link-url">
                {created.url}
              </Typography.Text>
              <a href={created.url} target="_blank" rel="noreferrer">
                {t('partners.openLink')}
              </a>
            </Space>
          }
        />
      )}
      {canManage && (
        <Form<LinkForm> form={form} layout="inline" onFinish={(v) => void create(v)} initialValues={{ expiresOn: dayjs().add(30, 'day') }} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="expiresOn" label={t('partners.expiresAt')} rules={[{ required: true, message: t('partners.expiresRequired') }]}>
            <DatePicker
              allowClear={false}
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(PARTNER_LIMITS.maxLinkDays, 'day').subtract(1, 'day'), 'day')}
            />
          </Form.Item>
          <Form.Item name="passcode" label={t('partners.passcode')} tooltip={t('partners.passcodeHelp')} rules={[{ required: true, min: PARTNER_LIMITS.minPasscode, message: t('partners.passcodeTooShort') }]}>
            <Input.Password autoComplete="new-password" maxLength={PARTNER_LIMITS.maxPasscode} data-testid="link-passcode" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={isSaving} data-testid="link-create">
              {t('partners.create')}
            </Button>
          </Form.Item>
        </Form>
      )}
      {links.error && <LoadError error={links.error} onRetry={links.reload} />}
      <Table<ShareLink> rowKey="id" size="small" columns={columns} dataSource={links.data ?? []} loading={links.isLoading} pagination={false} locale={{ emptyText: t('partners.noLinks') }} scroll={{ x: true }} />
    </div>
  );
}
