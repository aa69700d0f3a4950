import { useState } from 'react';
import { App, Button, Card, Flex, Col, Form, Input, Row, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveOidc, type OidcConnection, type OidcInput } from './identity.api.ts';
import { blankToNull, ConnectionActions, CopyableUrl, ProvisioningFields, useIdentityError } from './shared-parts.tsx';

interface OidcForm {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  emailClaim: string;
  unitClaim?: string | null;
  positionClaim?: string | null;
  defaultRole: OidcInput['defaultRole'];
  defaultUnitId?: string | null;
  defaultPositionId?: string | null;
  enabled: boolean;
}

/** The organisation's OpenID Connect connection: provider, client, claims, and what first-time people get. */
export function OidcCard({ connection, redirectUri, onSaved }: { connection: OidcConnection | null; redirectUri: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useIdentityError();
  const [form] = Form.useForm<OidcForm>();
  const [isSaving, setIsSaving] = useState(false);
  const initial: Partial<OidcForm> = connection ?? { emailClaim: 'email', enabled: true, defaultRole: null };

  const save = async (values: OidcForm) => {
    setIsSaving(true);
    try {
      await saveOidc({
        issuer: values.issuer.trim(),
        clientId: values.clientId.trim(),
        ...(values.clientSecret ? { clientSecret: values.clientSecret } : {}),
        emailClaim: values.emailClaim.trim(),
        unitClaim: blankToNull(values.unitClaim),
        positionClaim: blankToNull(values.positionClaim),
        defaultRole: values.defaultRole ?? null,
        defaultUnitId: values.defaultUnitId ?? null,
        defaultPositionId: values.defaultPositionId ?? null,
        enabled: values.enabled,
      });
      form.setFieldValue('clientSecret', '');
      message.success(t('identity.saved'));
      onSaved();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card title={t('identity.oidc.title')} data-testid="oidc-card">
      <Typography.Paragraph type="secondary">{t('identity.oidc.help')}</Typography.Paragraph>
      <div className="identity-urls">
        <Typography.Text strong>{t('identity.forProvider')}</Typography.Text>
        <CopyableUrl label={t('identity.oidc.redirectUri')} url={connection?.redirectUri ?? redirectUri} testId="oidc-redirect-uri" />
        {connection && <CopyableUrl label={t('identity.oidc.postLogoutUri')} url={connection.postLogoutRedirectUri} />}
      </div>
      <Form<OidcForm> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="issuer" label={t('identity.oidc.issuer')} extra={t('identity.oidc.issuerHelp')} rules={[{ required: true, type: 'url' }]}>
          <Input placeholder="https://login.example.com/realms/acme" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="clientId" label={t('identity.oidc.clientId')} rules={[{ required: true, whitespace: true }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="clientSecret"
              label={t('identity.oidc.clientSecret')}
              rules={[{ required: !connection?.hasClientSecret }]}
              extra={connection?.hasClientSecret ? t('identity.oidc.clientSecretKept') : undefined}
            >
              <Input.Password autoComplete="new-password" placeholder={connection?.hasClientSecret ? '••••••••' : undefined} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="emailClaim" label={t('identity.oidc.emailClaim')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder="email" />
        </Form.Item>
        <Typography.Title level={5}>{t('identity.provisioning.title')}</Typography.Title>
        <ProvisioningFields claims="claim" />
        <Form.Item name="enabled" label={t('identity.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex wrap gap={8}>
          <Button type="primary" htmlType="submit" loading={isSaving} data-testid="oidc-save">
            {t('identity.save')}
          </Button>
          {connection && <ConnectionActions protocol="oidc" onRemoved={onSaved} />}
        </Flex>
      </Form>
    </Card>
  );
}
