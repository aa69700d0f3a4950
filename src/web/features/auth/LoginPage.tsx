import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { homePathOf } from '../../shared/page-access.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useSession } from '../../shared/session.tsx';
import { BrandMark } from '../../shared/ui/BrandMark.tsx';
import { FullPageSpin } from '../../shared/ui/FullPageSpin.tsx';
import { LanguageSwitch } from '../../shared/ui/LanguageSwitch.tsx';
import { SsoProblem, SsoSignInButton, ssoRequiredStart, useSsoStart } from '../identity/index.ts';
import './login-page.css';

interface LoginForm {
  email: string;
  password: string;
  org?: string;
}

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere; null without one (the role's home page then). */
function safeNextPath(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : null;
}

/**
 * Sign-in with email, password and an optional organisation slug; shows the API's message on failure. When the
 * typed slug or e-mail domain has single sign-on, it is offered first (and a password refused by an SSO-only
 * organisation turns into the same offer).
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { session, logIn } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const nextPath = safeNextPath(searchParams.get('next'));
  const [form] = Form.useForm<LoginForm>();
  const ssoStart = useSsoStart(Form.useWatch('email', form), Form.useWatch('org', form));
  const [requiredSsoStart, setRequiredSsoStart] = useState<string | null>(null);
  const ssoStartUrl = requiredSsoStart ?? ssoStart;

  if (session === undefined) return <FullPageSpin />;
  if (session && !isSubmitting) return <Navigate to={nextPath ?? homePathOf(session.user.role)} replace />;

  const submit = async (values: LoginForm) => {
    setError(null);
    setIsSubmitting(true);
    try {
      const signedIn = await logIn({ email: values.email.trim(), password: values.password, org: values.org?.trim() || undefined });
      void navigate(nextPath ?? homePathOf(signedIn.user.role), { replace: true });
    } catch (caught) {
      const required = ssoRequiredStart(caught);
      setError(required === undefined ? errorMessage(caught) : t('identity.login.required'));
      if (required) setRequiredSsoStart(required);
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-page__language">
        <LanguageSwitch />
      </div>
      <div className="login-page__column">
        <div className="login-page__brand">
          <BrandMark size="large" />
          <Typography.Paragraph type="secondary" className="login-page__tagline">
            {t('brand.tagline')}
          </Typography.Paragraph>
        </div>
        <Card className="login-page__card" title={t('login.title')}>
          <SsoProblem code={searchParams.get('ssoError')} />
          {error && (
            <Alert
              type="error"
              showIcon
              title={t('login.failed')}
              description={error}
              className="login-page__error"
              data-testid="login-error"
            />
          )}
          {ssoStartUrl && <SsoSignInButton startUrl={ssoStartUrl} nextPath={nextPath ?? '/'} />}
          <Form<LoginForm> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={isSubmitting}>
            <Form.Item
              name="email"
              label={t('login.email')}
              rules={[{ required: true, whitespace: true, message: t('login.emailRequired') }]}
            >
              <Input prefix={<MailOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Form.Item
              name="org"
              label={
                <span>
                  {t('login.org')} <Typography.Text type="secondary">({t('login.optional')})</Typography.Text>
                </span>
              }
              tooltip={t('login.orgHelp')}
            >
              <Input prefix={<ShopOutlined />} placeholder="demo" autoComplete="organization" />
            </Form.Item>
            <Button type={ssoStartUrl ? 'default' : 'primary'} htmlType="submit" block size="large" loading={isSubmitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
