import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestOidcProvider, type TestOidcProvider } from '../src/server/testing/oidc-test-provider.ts';
import { collectBrowserProblems, createThrowawayDatabase, DEMO_ADMIN, ensureWebBuild, launchChromium, type RunningServer, startServer, type ThrowawayDatabase } from './helpers.ts';

const SHOTS = '/tmp/shots/identity';
const EAST_MANAGER = 'east.manager@demo.lodestar.local';

// Single sign-on in a real browser against the demo organisation: an admin connects a (test) OIDC provider on
// the settings page's API and tests the connection there; a regional manager types their e-mail on the login
// page, is offered single sign-on, signs in at the provider and lands in the app.
describe('single sign-on in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let idp: TestOidcProvider | undefined;
  let browser: Browser | undefined;
  let admin: BrowserContext;
  let api: { request: APIRequestContext; headers: Record<string, string> };
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SHOTS, { recursive: true });
    if (process.env.DATABASE_URL) database = await createThrowawayDatabase(process.env.DATABASE_URL);
    // The test provider listens on the loopback address, which the SSRF guard refuses unless allowed.
    const env = { LODESTAR_SSO_ALLOW_PRIVATE: 'true', LODESTAR_SECRET_KEY: 'e'.repeat(64) };
    // The demo seeds at first start; on a busy machine that can take minutes.
    server = await startServer(database ? { ...env, DATABASE_URL: database.url } : env, 300_000);
    idp = await startTestOidcProvider({ redirectUris: [`${server.baseUrl}/auth/oidc/demo/callback`], postLogoutRedirectUris: [`${server.baseUrl}/login`] });
    idp.accounts.set('east', { email: EAST_MANAGER, email_verified: true, name: '华东区经理' });
    browser = await launchChromium();
    admin = await browser.newContext({ baseURL: server.baseUrl });
    const login = await admin.request.post('/api/v1/auth/login', { data: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, org: DEMO_ADMIN.org } });
    expect(login.status()).toBe(200);
    api = { request: admin.request, headers: { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken } };
    const oidc = await api.request.put('/api/v1/sso/oidc', { headers: api.headers, data: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret } });
    expect(oidc.status(), await oidc.text()).toBe(200);
    const policy = await api.request.put('/api/v1/sso/policy', { headers: api.headers, data: { requireSso: false, emailDomains: ['demo.lodestar.local'] } });
    expect(policy.status(), await policy.text()).toBe(200);
  }, 420_000);

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await idp?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  async function open(locale: string, { visitsProvider = false } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, locale, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    if (visitsProvider) collectOurProblems(page);
    else collectBrowserProblems(page, problems);
    return { context, page };
  }
  /**
   * As collectBrowserProblems, for a page that also visits the test provider: its development pages load
   * external fonts and have no favicon, which is not ours to judge, so errors about other origins are left out.
   */
  function collectOurProblems(page: Page): void {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const source = message.location().url;
      if (message.type() !== 'error' || /status of 401\b/.test(message.text()) || (source && !source.startsWith(server!.baseUrl))) return;
      problems.push(`console: ${message.text()} (${source})`);
    });
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}\nserver: ${server!.output().slice(-2000)}`);
    }
  };

  it('a manager signs in through the login page with their organisation’s OIDC provider', async () => {
    for (const [locale, suffix, button] of [
      ['zh-CN', 'zh', '使用单点登录'],
      ['en-US', 'en', 'Sign in with single sign-on'],
    ] as const) {
      const { context, page } = await open(locale, { visitsProvider: true });
      await run(page, `login-${suffix}`, async () => {
        await page.goto('/login');
        await page.locator('#email').fill(EAST_MANAGER);
        await page.getByRole('link', { name: button }).waitFor();
        await shot(page, `login-offers-sso-${suffix}`);
        await page.getByRole('link', { name: button }).click();
        // The provider's own (development) sign-in form.
        await page.waitForURL((url) => url.origin === idp!.issuer);
        await page.locator('input[name=login]').fill('east');
        await page.locator('input[name=password]').fill('anything');
        await page.locator('button[type=submit]').click();
        await page.waitForURL((url) => url.origin === server!.baseUrl && !url.pathname.startsWith('/login') && !url.pathname.startsWith('/auth/'));
        const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { user: { email: string; role: string } };
        expect(me.user).toMatchObject({ email: EAST_MANAGER, role: 'manager' });
        // The landing page has rendered (not just the layout around a loading spinner).
        await page.locator('.page-header__title').first().waitFor();
        await shot(page, `signed-in-${suffix}`);
      });
      await context.close();
    }
    expect(problems.join('\n')).toBe('');
  }, 150_000);

  it('a failed single sign-on is explained on the login page', async () => {
    const { context, page } = await open('zh-CN');
    await run(page, 'sso-error', async () => {
      await page.goto('/login?ssoError=sso_no_account');
      await page.getByTestId('sso-error').getByText('你的邮箱没有对应的 Lodestar 账号').waitFor();
      await shot(page, 'login-sso-error-zh');
    });
    await context.close();
    expect(problems.join('\n')).toBe('');
  }, 60_000);

  it('an administrator sees the SSO settings and tests the connection, in Chinese and in English', async () => {
    for (const [locale, suffix, menu, test] of [
      ['zh-CN', 'zh', '单点登录', '测试连接'],
      ['en-US', 'en', 'Single sign-on', 'Test connection'],
    ] as const) {
      const { context, page } = await open(locale);
      await run(page, `settings-${suffix}`, async () => {
        await page.goto('/login');
        await page.locator('#email').fill(DEMO_ADMIN.email);
        await page.locator('#password').fill(DEMO_ADMIN.password);
        await page.locator('#org').fill(DEMO_ADMIN.org);
        await page.locator('button[type=submit]').click();
        await page.waitForURL((url) => !url.pathname.startsWith('/login'));
        await page.getByRole('menuitem', { name: menu }).click();
        await page.waitForURL('**/settings/sso');
        await page.getByTestId('oidc-card').getByRole('button', { name: test }).click();
        await page.getByTestId('connection-test').waitFor();
        expect(await page.getByTestId('connection-test').locator('.identity-test__fail').count()).toBe(0);
        expect(await page.getByTestId('saml-metadata-url').innerText()).toBe(`${server!.baseUrl}/auth/saml/demo/metadata`);
        await shot(page, `settings-${suffix}`);
      });
      await context.close();
    }
    expect(problems.join('\n')).toBe('');
  }, 150_000);
});
