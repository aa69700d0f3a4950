import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { listUsers, savePolicy, type SsoPolicy } from './identity.api.ts';
import { useIdentityError } from './shared-parts.tsx';

interface PolicyForm {
  requireSso: boolean;
  breakGlassUserIds: string[];
  emailDomains: string[];
}

/** Require SSO (with break-glass admins who keep their password) and the e-mail domains the login page recognises. */
export function PolicyCard({ policy, hasConnection, onSaved }: { policy: SsoPolicy; hasConnection: boolean; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useIdentityError();
  const [form] = Form.useForm<PolicyForm>();
  const [isSaving, setIsSaving] = useState(false);
  const requireSso = Form.useWatch('requireSso', form) ?? policy.requireSso;
  const users = useApiQuery((signal) => listUsers(signal), []);
  const adminOptions = useMemo(
    () => (users.data ?? []).filter((u) => u.role === 'admin' && !u.disabled).map((u) => ({ value: u.id, label: u.email })),
    [users.data],
  );

  const save = async (values: PolicyForm) => {
    setIsSaving(true);
    try {
      await savePolicy({ requireSso: values.requireSso, breakGlassUserIds: values.breakGlassUserIds ?? [], emailDomains: (values.emailDomains ?? []).map((d) => d.trim().toLowerCase()) });
      message.success(t('identity.saved'));
      onSaved();
    } catch (caught) {
      message.error(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card title={t('identity.policy.title')} data-testid="policy-card">
      <Form<PolicyForm> form={form} layout="vertical" initialValues={policy} onFinish={(v) => void save(v)}>
        {!hasConnection && <Alert type="info" showIcon title={t('identity.errors.sso_not_configured')} className="identity-card-alert" />}
        <Form.Item name="requireSso" label={t('identity.policy.requireSso')} extra={t('identity.policy.requireSsoHelp')} valuePropName="checked">
          <Switch disabled={!hasConnection && !policy.requireSso} data-testid="require-sso" />
        </Form.Item>
        <Form.Item
          name="breakGlassUserIds"
          label={t('identity.policy.breakGlass')}
          extra={t('identity.policy.breakGlassHelp')}
          rules={[{ required: requireSso, type: 'array', min: requireSso ? 1 : 0 }]}
        >
          <Select mode="multiple" options={adminOptions} loading={users.isLoading} showSearch={{ optionFilterProp: 'label' }} data-testid="break-glass" />
        </Form.Item>
        <Form.Item name="emailDomains" label={t('identity.policy.emailDomains')} extra={t('identity.policy.emailDomainsHelp')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} placeholder={t('identity.policy.domainPlaceholder')} open={false} suffixIcon={null} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSaving}>
          {t('identity.save')}
        </Button>
      </Form>
    </Card>
  );
}
