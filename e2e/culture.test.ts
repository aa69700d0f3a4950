import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBrowserProblems, createThrowawayDatabase, DEMO_ADMIN, ensureWebBuild, launchChromium, type RunningServer, startServer, type ThrowawayDatabase } from './helpers.ts';

const SHOTS = '/tmp/shots';
const EAST_MANAGER = 'east.manager@demo.lodestar.local';
const CHARTS = ['culture-vision-state', 'culture-guidance', 'culture-radar', 'culture-strategies', 'culture-embedding', 'culture-drivers', 'culture-segments'];

interface Summary {
  id: string;
  name: string;
  status: string;
  templateKey: string;
  baselineAssessmentId: string | null;
}

// The culture and vision assessment in headless Chromium against the demo organisation: a respondent answers on a
// phone with JavaScript off through a link the API hands out; the admin reads the demo assessment's dashboard in
// Chinese and English (screenshots after the charts' animations); a regional manager sees only their region.
describe('culture assessment in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let admin: BrowserContext;
  let api: { request: APIRequestContext; headers: Record<string, string> };
  let demo: Summary;
  let pulse: Summary;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SHOTS, { recursive: true });
    if (process.env.DATABASE_URL) database = await createThrowawayDatabase(process.env.DATABASE_URL);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
    admin = await browser.newContext({ baseURL: server.baseUrl });
    const login = await admin.request.post('/api/v1/auth/login', { data: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, org: DEMO_ADMIN.org } });
    expect(login.status()).toBe(200);
    api = { request: admin.request, headers: { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken } };
    const list = (await (await api.request.get('/api/v1/assessments')).json()) as { items: Summary[] };
    demo = list.items.find((a) => a.status === 'closed' && a.templateKey === 'vision-culture' && !a.baselineAssessmentId)!;
    expect(demo).toBeDefined();
    pulse = list.items.find((a) => a.status === 'open' && a.baselineAssessmentId === demo.id)!;
    expect(pulse).toBeDefined();
  }, 170_000);

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  async function open(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, locale, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    collectBrowserProblems(page, problems);
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `culture-${name}.png`), fullPage: true });
  const logIn = async (page: Page, email: string) => {
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };
  /** Waits for every chart's canvas and the heat map, then for ECharts' animations to end. */
  const dashboardDrawn = async (page: Page, charts = CHARTS) => {
    for (const id of charts) await page.getByTestId(id).locator('canvas').first().waitFor();
    await page.waitForTimeout(1800);
  };
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };

  it('a respondent answers on a phone with JavaScript off, through a link from the API', async () => {
    const units = (await (await api.request.get('/api/v1/units?limit=500')).json()) as { items: Array<{ id: string; nameEn: string | null }> };
    const xuhui = units.items.find((u) => u.nameEn === 'Shanghai Xuhui Store')!;
    const employees = (await (await api.request.get(`/api/v1/employees?limit=500&unitId=${xuhui.id}`)).json()) as { items: Array<{ id: string; name: string }> };
    const created = await api.request.post('/api/v1/assessments', {
      headers: api.headers,
      data: { templateKey: 'vision-culture', name: '门店文化快测 / Store culture check', closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), audience: { unitIds: [xuhui.id] } },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const opened = await api.request.post(`/api/v1/assessments/${id}/open`, { headers: api.headers, data: {} });
    expect(opened.status()).toBe(200);
    const respondent = employees.items.find((e) => e.name === '王芳') ?? employees.items[0]!;
    const link = await api.request.get(`/api/v1/assessments/${id}/invitations/${respondent.id}/link`);
    expect(link.status()).toBe(200);
    const url = new URL(((await link.json()) as { url: string }).url).pathname;

    const phone = await browser!.newContext({ baseURL: server!.baseUrl, javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await run(page, 'phone', async () => {
      await page.goto(url);
      // The first page states the fixed thresholds before anything is asked.
      await page.locator('.thr b').first().waitFor();
      expect(await page.locator('.thr b').allInnerTexts()).toEqual(['5', '10']);
      await shot(page, 'phone-intro');
      await page.getByRole('link', { name: '开始作答' }).click();
      for (let section = 1; section < 20; section++) {
        for (const name of await page.locator('fieldset input[type=radio]').evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))])) {
          const choice = (await page.locator(`input[name="${name}"][value="core_dna"]`).count()) ? 'core_dna' : '4';
          await page.locator(`label:has(> input[name="${name}"][value="${choice}"])`).click();
        }
        if (await page.locator('textarea').count()) await page.locator('textarea').first().fill('希望一线能更快拿到客户反馈。');
        if (section === 2) await shot(page, 'phone-section');
        const submit = page.getByRole('button', { name: '提交' });
        if (await submit.count()) {
          await submit.click();
          break;
        }
        await page.getByRole('button', { name: '下一部分' }).click();
      }
      await page.getByText('感谢您的参与！').waitFor();
      expect(page.url()).toContain('/thanks');
      await shot(page, 'phone-thanks');
    });
    await phone.close();
    // The link works once.
    const again = await api.request.get(`/api/v1/assessments/${id}/invitations/${respondent.id}/link`);
    expect(again.status()).toBe(409);
  }, 120_000);

  it('an administrator reads the demo dashboard in Chinese and in English', async () => {
    for (const [locale, suffix] of [
      ['zh-CN', 'zh'],
      ['en-US', 'en'],
    ] as const) {
      const { context, page } = await open(locale);
      await run(page, `admin-${suffix}`, async () => {
        await logIn(page, DEMO_ADMIN.email);
        await page.getByRole('menuitem', { name: suffix === 'zh' ? '体验文化与愿景' : 'Culture and vision' }).click();
        await page.waitForURL('**/culture');
        await page.getByTestId('culture-list').getByRole('link', { name: demo.name, exact: true }).click();
        await page.waitForURL(`**/culture/${demo.id}`);
        await dashboardDrawn(page);
        // The heat map hides some units: grey, blank cells without a figure or a count.
        const hidden = page.locator('[data-testid="culture-heat-row"][data-suppressed="true"]');
        expect(await hidden.count()).toBeGreaterThan(0);
        expect((await hidden.first().locator('td').allInnerTexts()).every((text) => text.trim() === '')).toBe(true);
        expect(await page.locator('[data-testid="culture-heat-row"][data-suppressed="false"]').count()).toBeGreaterThan(2);
        await page.getByTestId('culture-benchmarks').getByText('≈').first().waitFor();
        await shot(page, `admin-dashboard-${suffix}`);

        await page.getByTestId('culture-tab-comments').click();
        await page.getByTestId('culture-comment').first().waitFor();
        await shot(page, `admin-comments-${suffix}`);
        await page.getByTestId('culture-tab-plans').click();
        await page.getByTestId('culture-gap-plan').first().waitFor();
        await page.waitForTimeout(500);
        await shot(page, `admin-plans-${suffix}`);

        // The open pulse: live response rate by unit, small units without numbers.
        await page.goto(`/culture/${pulse.id}?tab=rates`);
        await page.getByTestId('culture-rate-total').waitFor();
        expect(await page.getByTestId('culture-rate-hidden').count()).toBeGreaterThan(0);
        await shot(page, `admin-live-rates-${suffix}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('a regional manager sees only their own region', async () => {
    const { context, page } = await open('en-US');
    await run(page, 'manager', async () => {
      await logIn(page, EAST_MANAGER);
      await page.goto('/culture');
      await page.getByTestId('culture-list').waitFor();
      expect(await page.getByTestId('culture-new').count()).toBe(0);
      expect(await page.getByTestId('culture-open').count()).toBe(0);
      await page.goto(`/culture/${demo.id}`);
      await dashboardDrawn(page, ['culture-guidance', 'culture-radar']);
      const units = await page.locator('[data-testid="culture-heat-row"] th').allInnerTexts();
      expect(units).toContain('East China Region');
      expect(units.some((u) => /South China|Tianhe|Nanshan|Customer Experience Office/.test(u))).toBe(false);
      expect(await page.getByTestId('culture-tab-rates').count()).toBe(0);
      await shot(page, 'manager-en');
      // Another region is out of scope: the API answers 404.
      const all = (await (await page.request.get('/api/v1/units?limit=500')).json()) as { items: Array<{ id: string; nameEn: string | null }> };
      const south = all.items.find((u) => u.nameEn === 'South China Region')!;
      expect((await page.request.get(`/api/v1/assessments/${demo.id}/heatmap?unitId=${south.id}`)).status()).toBe(404);
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
