import { useEffect, useState } from 'react';
import { Alert, Button, Divider } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { SSO_ERROR_CODES } from '../../../contracts/identity.ts';
import { discoverSso } from './identity.api.ts';

const EMAIL_WITH_DOMAIN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/**
 * Where this person's single sign-on starts, if their organisation (typed slug) or e-mail domain has one.
 * Asked 400 ms after typing stops; the answer says only "yes, start here" or "no".
 */
export function useSsoStart(email: string | undefined, org: string | undefined): string | null {
  const [startUrl, setStartUrl] = useState<string | null>(null);
  const slug = org?.trim() ?? '';
  const address = email?.trim() ?? '';
  useEffect(() => {
    const query = slug ? { org: slug } : EMAIL_WITH_DOMAIN.test(address) ? { email: address } : null;
    if (!query) {
      setStartUrl(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      discoverSso(query, controller.signal).then(
        // Aborted while its body was read (the person typed on, or signed in), the answer is empty: ignore it.
        (answer) => {
          if (!controller.signal.aborted) setStartUrl(answer?.startUrl ?? null);
        },
        () => {
          if (!controller.signal.aborted) setStartUrl(null);
        },
      );
    }, 400);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [slug, address]);
  return startUrl;
}

/** The "Sign in with single sign-on" button (a full-page navigation to the start URL), above the password form. */
export function SsoSignInButton({ startUrl, nextPath }: { startUrl: string; nextPath: string }) {
  const { t } = useTranslation();
  const href = nextPath === '/' ? startUrl : `${startUrl}?next=${encodeURIComponent(nextPath)}`;
  return (
    <>
      <Button type="primary" size="large" block icon={<SafetyCertificateOutlined />} href={href} data-testid="sso-sign-in">
        {t('identity.login.withSso')}
      </Button>
      <Divider plain>{t('identity.login.orPassword')}</Divider>
    </>
  );
}

/** Why the last single sign-on failed (`/login?ssoError=<code>`), in the user's language; nothing for an unknown code. */
export function SsoProblem({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code || !(SSO_ERROR_CODES as readonly string[]).includes(code)) return null;
  return (
    <Alert type="error" showIcon title={t('identity.login.failedTitle')} description={t(`identity.login.problems.${code}` as ParseKeys)} className="login-page__error" data-testid="sso-error" />
  );
}

/** The password login's 403 `sso_required`: the organisation signs in by SSO; details carry where to start. */
export function ssoRequiredStart(error: unknown): string | null | undefined {
  const e = error as { code?: unknown; details?: { startUrl?: unknown } } | null;
  if (!e || e.code !== 'sso_required') return undefined;
  return typeof e.details?.startUrl === 'string' ? e.details.startUrl : null;
}
