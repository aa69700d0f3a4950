import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { HOME_PATH } from '../../shared/home-path.ts';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useSession } from '../../shared/session.tsx';
import { BrandMark } from '../../shared/ui/BrandMark.tsx';
import { FullPageSpin } from '../../shared/ui/FullPageSpin.tsx';
import { LanguageSwitch } from '../../shared/ui/LanguageSwitch.tsx';
import './login-page.css';

interface LoginForm {
  email: string;
  password: string;
  org?: string;
}

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere. */
function safeNextPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : HOME_PATH;
}

/** Sign-in with email, password and an optional organisation slug; shows the API's message on failure. */
export function LoginPage() {
  const { t } = useTranslation();
  const { session, logIn } = useSession();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const nextPath = safeNextPath(searchParams.get('next'));

  if (session === undefined) return <FullPageSpin />;
  if (session && !isSubmitting) return <Navigate to={nextPath} replace />;

  const submit = async (values: LoginForm) => {
    setError(null);
    setIsSubmitting(true);
    try {
      await logIn({ email: values.email.trim(), password: values.password, org: values.org?.trim() || undefined });
      void navigate(nextPath, { replace: true });
    } catch (caught) {
      setError(errorMessage(caught));
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
          <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={submit} disabled={isSubmitting}>
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
            <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
