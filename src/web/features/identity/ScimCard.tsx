import { useState } from 'react';
import { Alert, App, Button, Card, Form, Modal, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { issueScimToken, revokeScimToken, saveScimSettings, type ScimInput, type ScimSettings } from './identity.api.ts';
import { CopyableUrl, ProvisioningFields, useIdentityError } from './shared-parts.tsx';

/** SCIM provisioning: the base URL and bearer token for the identity provider, and what new people get. */
export function ScimCard({ scim, onSaved }: { scim: ScimSettings; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useIdentityError();
  const [form] = Form.useForm<ScimInput>();
  const [token, setToken] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) message.success(done);
      onSaved();
    } catch (caught) {
      message.error(errorMessage(caught));
    }
  };
  const issue = () => run(async () => setToken((await issueScimToken()).token));
  const issuedAt = scim.tokenIssuedAt ? new Date(scim.tokenIssuedAt).toLocaleString(i18n.language) : null;

  return (
    <Card title={t('identity.scim.title')} data-testid="scim-card">
      <Typography.Paragraph type="secondary">{t('identity.scim.help')}</Typography.Paragraph>
      <div className="identity-urls">
        <CopyableUrl label={t('identity.scim.baseUrl')} url={scim.baseUrl} />
        <div className="identity-url">
          <Typography.Text type="secondary">{t('identity.scim.token')}</Typography.Text>
          <Typography.Text>{issuedAt ? t('identity.scim.tokenIssued', { date: issuedAt }) : t('identity.scim.noToken')}</Typography.Text>
        </div>
      </div>
      <Space wrap className="identity-token-actions">
        {scim.hasToken ? (
          <Popconfirm title={t('identity.scim.confirmRotate')} onConfirm={() => void issue()} okText={t('identity.scim.rotate')} cancelText={t('common.cancel')}>
            <Button>{t('identity.scim.rotate')}</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" onClick={() => void issue()} data-testid="scim-issue">
            {t('identity.scim.issue')}
          </Button>
        )}
        {scim.hasToken && (
          <Popconfirm title={t('identity.scim.confirmRevoke')} onConfirm={() => void run(revokeScimToken)} okText={t('identity.scim.revoke')} cancelText={t('common.cancel')}>
            <Button danger>{t('identity.scim.revoke')}</Button>
          </Popconfirm>
        )}
      </Space>
      <Typography.Title level={5}>{t('identity.scim.defaultsTitle')}</Typography.Title>
      <Form<ScimInput>
        form={form}
        layout="vertical"
        initialValues={scim}
        onFinish={(values) =>
          void run(
            () => saveScimSettings({ defaultRole: values.defaultRole, defaultUnitId: values.defaultUnitId ?? null, defaultPositionId: values.defaultPositionId ?? null }),
            t('identity.saved'),
          )
        }
      >
        <ProvisioningFields />
        <Button type="primary" htmlType="submit">
          {t('identity.save')}
        </Button>
      </Form>
      <Modal
        open={token !== null}
        title={t('identity.scim.tokenTitle')}
        onOk={() => setToken(null)}
        onCancel={() => setToken(null)}
        okText={t('identity.scim.tokenDone')}
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t('identity.scim.tokenOnce')} className="identity-card-alert" />
        <Typography.Paragraph code copyable className="identity-secret" data-testid="scim-token">
          {token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
