import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveSaml, type SamlConnection, type SamlInput } from './identity.api.ts';
import { blankToNull, ConnectionActions, CopyableUrl, ProvisioningFields, useIdentityError } from './shared-parts.tsx';

interface SamlForm {
  entryPoint: string;
  idpCert: string;
  idpIssuer?: string | null;
  emailAttribute: string;
  unitAttribute?: string | null;
  positionAttribute?: string | null;
  defaultRole: SamlInput['defaultRole'];
  defaultUnitId?: string | null;
  defaultPositionId?: string | null;
  enabled: boolean;
}

export interface SpUrls {
  metadataUrl: string;
  acsUrl: string;
  entityId: string;
}

/** The organisation's SAML 2.0 connection: our SP URLs for the IdP's admin, and the IdP's sign-on URL and certificate. */
export function SamlCard({ connection, sp, onSaved }: { connection: SamlConnection | null; sp: SpUrls; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useIdentityError();
  const [form] = Form.useForm<SamlForm>();
  const [isSaving, setIsSaving] = useState(false);
  const initial: Partial<SamlForm> = connection ?? { emailAttribute: 'email', enabled: true, defaultRole: null };

  const save = async (values: SamlForm) => {
    setIsSaving(true);
    try {
      await saveSaml({
        entryPoint: values.entryPoint.trim(),
        idpCert: values.idpCert.trim(),
        idpIssuer: blankToNull(values.idpIssuer),
        emailAttribute: values.emailAttribute.trim(),
        unitAttribute: blankToNull(values.unitAttribute),
        positionAttribute: blankToNull(values.positionAttribute),
        defaultRole: values.defaultRole ?? null,
        defaultUnitId: values.defaultUnitId ?? null,
        defaultPositionId: values.defaultPositionId ?? null,
        enabled: values.enabled,
      });
      message.success(t('identity.saved'));
      onSaved();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  const expires = connection?.idpCertExpiresAt ? new Date(connection.idpCertExpiresAt).toLocaleDateString(i18n.language) : null;
  return (
    <Card title={t('identity.saml.title')} data-testid="saml-card">
      <Typography.Paragraph type="secondary">{t('identity.saml.help')}</Typography.Paragraph>
      <div className="identity-urls">
        <Typography.Text strong>{t('identity.forProvider')}</Typography.Text>
        <CopyableUrl label={t('identity.saml.metadataUrl')} url={connection?.metadataUrl ?? sp.metadataUrl} testId="saml-metadata-url" />
        <CopyableUrl label={t('identity.saml.entityId')} url={connection?.spEntityId ?? sp.entityId} />
        <CopyableUrl label={t('identity.saml.acsUrl')} url={connection?.acsUrl ?? sp.acsUrl} />
      </div>
      <Form<SamlForm> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} requiredMark={false}>
        <Form.Item name="entryPoint" label={t('identity.saml.entryPoint')} rules={[{ required: true, type: 'url' }]}>
          <Input placeholder="https://idp.example.com/sso/saml" />
        </Form.Item>
        <Form.Item name="idpCert" label={t('identity.saml.idpCert')} extra={expires ? t('identity.saml.certExpires', { date: expires }) : t('identity.saml.idpCertHelp')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} className="identity-cert" placeholder="-----BEGIN CERTIFICATE-----" />
        </Form.Item>
        <Form.Item name="idpIssuer" label={t('identity.saml.idpIssuer')} extra={t('identity.saml.idpIssuerHelp')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item name="emailAttribute" label={t('identity.saml.emailAttribute')} rules={[{ required: true, whitespace: true }]}>
          <Input placeholder="email" />
        </Form.Item>
        <Typography.Title level={5}>{t('identity.provisioning.title')}</Typography.Title>
        <ProvisioningFields claims="attribute" />
        <Form.Item name="enabled" label={t('identity.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex wrap gap={8}>
          <Button type="primary" htmlType="submit" loading={isSaving}>
            {t('identity.save')}
          </Button>
          {connection && <ConnectionActions protocol="saml" onRemoved={onSaved} />}
        </Flex>
      </Form>
    </Card>
  );
}
