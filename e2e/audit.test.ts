import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectBrowserProblems, createThrowawayDatabase, DEMO_ADMIN, ensureWebBuild, launchChromium, type RunningServer, startServer, type ThrowawayDatabase, logInToDemo } from './helpers.ts';

const SHOTS = '/tmp/shots/audit';
const EAST_MANAGER = 'east.manager@demo.lodestar.local';
/** A 1×1 PNG: evidence uploaded through the page. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

interface Summary {
  id: string;
  title: string | null;
  kind: string;
  status: string;
  baselineAuditId: string | null;
}

// The experience audit and mystery shopping in headless Chromium against the demo organisation: an external
// shopper fills the one-time page on a phone with JavaScript off; the administrator walks the audits, a
// re-audit's comparison and the mystery-shopping results in Chinese and English, scores and attaches
// evidence, plans a visit and issues a link; a regional manager sees only their region's stores.
describe('experience audit and mystery shopping in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let admin: BrowserContext;
  let api: { request: APIRequestContext; headers: Record<string, string> };
  let reaudit: Summary;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SHOTS, { recursive: true });
    if (process.env.DATABASE_URL) database = await createThrowawayDatabase(process.env.DATABASE_URL);
    // The whole demo is seeded at start; on a busy two-core machine that can take minutes.
    server = await startServer(database ? { DATABASE_URL: database.url } : {}, 360_000);
    browser = await launchChromium();
    admin = await browser.newContext({ baseURL: server.baseUrl });
    const login = await admin.request.post('/api/v1/auth/login', { data: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, org: DEMO_ADMIN.org } });
    expect(login.status()).toBe(200);
    api = { request: admin.request, headers: { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken } };
    const list = (await (await api.request.get('/api/v1/audits?kind=audit')).json()) as { items: Summary[] };
    reaudit = list.items.find((a) => a.baselineAuditId)!;
    expect(reaudit).toBeDefined();
  }, 420_000);

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  async function open(locale: string, width = 1440): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, locale, viewport: { width, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    collectBrowserProblems(page, problems);
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  /** Waits for the page's charts to draw and their animations to end. */
  const chartsDrawn = async (page: Page, count: number) => {
    await page.locator('canvas').nth(count - 1).waitFor();
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

  it('an external shopper completes a visit on a phone with JavaScript off, once', async () => {
    const units = (await (await api.request.get('/api/v1/units?limit=500')).json()) as { items: Array<{ id: string; nameEn: string | null }> };
    const xihu = units.items.find((u) => u.nameEn === 'Hangzhou West Lake Store')!;
    const visit = await api.request.post('/api/v1/audits', { headers: api.headers, data: { templateKey: 'mystery-store', unitId: xihu.id, dueAt: new Date().toISOString().slice(0, 10) } });
    expect(visit.status()).toBe(201);
    const { id } = (await visit.json()) as { id: string };
    const link = await api.request.post(`/api/v1/audits/${id}/shopper-link`, { headers: api.headers, data: { expiresInDays: 7 } });
    expect(link.status()).toBe(201);
    const url = new URL(((await link.json()) as { url: string }).url).pathname;

    const phone = await browser!.newContext({ baseURL: server!.baseUrl, javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 });
    const page = await phone.newPage();
    await run(page, 'phone', async () => {
      await page.goto(url);
      await page.getByRole('heading', { name: '神秘顾客：门店到访' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await shot(page, 'phone-form-zh');
      await page.screenshot({ path: path.join(SHOTS, 'phone-first-screen-zh.png') });
      const names = await page.locator('input[type=radio]').evaluateAll((inputs) => [...new Set(inputs.map((i) => (i as HTMLInputElement).name))]);
      expect(names).toHaveLength(7);
      for (const [i, name] of names.entries()) await page.locator(`label:has(> input[name="${name}"][value="${i === 6 ? 1 : 3}"])`).click();
      await page.locator('textarea[name="n_complaint_handling"]').fill('说商品划痕是我自己造成的，不给换。');
      // The language switch keeps what was chosen.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Mystery shopping: store visit' }).waitFor();
      expect(await page.locator('input[type=radio]:checked').count()).toBe(7);
      await shot(page, 'phone-form-en');
      await page.getByRole('button', { name: 'Submit the check' }).click();
      await page.getByText('Thank you for completing the check!').waitFor();
      await shot(page, 'phone-thanks-en');
      await page.goto(`${url}?lang=en`);
      await page.getByText('This check has been submitted').waitFor();
      await shot(page, 'phone-used-en');
    });
    await phone.close();
    const again = await api.request.get(url);
    expect(again.status()).toBe(409);
    const done = (await (await api.request.get(`/api/v1/audits/${id}`)).json()) as { status: string; conductedBy: string; scorePct: number };
    expect(done).toMatchObject({ status: 'completed', conductedBy: 'shopper', scorePct: 67.9 });
  }, 120_000);

  it('an administrator walks the audit, its comparison and mystery shopping in Chinese and English', async () => {
    for (const [locale, suffix] of [
      ['zh-CN', 'zh'],
      ['en-US', 'en'],
    ] as const) {
      const { context, page } = await open(locale);
      await run(page, `admin-${suffix}`, async () => {
        await logInToDemo(page, DEMO_ADMIN.email);
        await page.getByRole('menuitem', { name: suffix === 'zh' ? '体验审计' : 'Experience audit' }).click();
        await page.waitForURL('**/audits');
        await page.getByRole('link', { name: reaudit.title! }).waitFor();
        await shot(page, `audits-${suffix}`);
        await page.getByRole('link', { name: reaudit.title! }).click();
        await page.waitForURL(`**/audits/${reaudit.id}`);
        await page.getByTestId('audit-area-channels').waitFor();
        await shot(page, `audit-${suffix}`);
        await page.getByRole('button', { name: suffix === 'zh' ? '与基线对比' : 'Compare with baseline' }).click();
        await page.waitForURL(`**/audits/${reaudit.id}/compare`);
        await chartsDrawn(page, 1);
        expect(await page.getByTestId('audit-compare-table').locator('tbody tr.ant-table-row').count()).toBe(21);
        await shot(page, `compare-${suffix}`);

        await page.getByRole('menuitem', { name: suffix === 'zh' ? '神秘顾客' : 'Mystery shopping' }).click();
        await page.waitForURL('**/mystery-shopping');
        await chartsDrawn(page, 2);
        expect(await page.getByTestId('mystery-results').locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(8);
        await shot(page, `mystery-${suffix}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('an administrator starts an audit, scores an item with evidence and a file, and sends a shopper link', async () => {
    const { context, page } = await open('zh-CN');
    await run(page, 'admin-work', async () => {
      await logInToDemo(page, DEMO_ADMIN.email);
      await page.goto('/audits');
      await page.getByTestId('audit-create').click();
      await page.getByTestId('audit-title').fill('门店体验快检');
      // antd spaces out a two-character Chinese button label.
      await page.getByRole('button', { name: /^保\s?存$/ }).click();
      await page.waitForURL(/\/audits\/[0-9a-f-]{36}$/);
      const item = page.getByTestId('audit-item-channel_returns');
      await item.getByText('线上线下都能一次办结').click();
      await item.locator('textarea').fill('门店和小程序都能办理退货，平均一次办结。');
      await item.getByRole('button', { name: '保存证据' }).click();
      await page.getByText('已保存').first().waitFor();
      await item.locator('input[type=file]').setInputFiles({ name: '退货台.png', mimeType: 'image/png', buffer: PNG });
      await item.getByRole('link', { name: '退货台.png' }).waitFor();
      const gap = page.getByTestId('audit-item-comm_customer');
      await gap.getByText('从不告诉客户我们做了什么改变').click();
      await gap.getByText(/完成审计前请指定负责人/).waitFor();
      await page.mouse.move(0, 0);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'audit-scoring-zh');

      await page.goto('/mystery-shopping');
      await page.getByTestId('shopper-link-open').first().click();
      await page.getByTestId('shopper-link-issue').click();
      const url = await page.getByTestId('shopper-link').inputValue();
      expect(url).toMatch(/\/ms\/[A-Za-z0-9_-]{43}$/);
      // The dialog as the user sees it (a full-page shot would scroll the layout under it).
      await page.screenshot({ path: path.join(SHOTS, 'mystery-link-zh.png') });
      expect((await page.request.get(new URL(url).pathname)).status()).toBe(200);
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('a regional manager sees only the stores of their region', async () => {
    const { context, page } = await open('en-US');
    await run(page, 'manager', async () => {
      await logInToDemo(page, EAST_MANAGER);
      await page.goto('/mystery-shopping');
      await chartsDrawn(page, 2);
      const units = await page.getByTestId('mystery-results').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
      expect(units.length).toBeGreaterThan(0);
      expect(units.every((u) => /Xuhui|Pudong|West Lake/.test(u))).toBe(true);
      await shot(page, 'mystery-manager-en');
      // The whole-organisation audits are the administrator's: the list is empty and the re-audit answers 404.
      expect((await page.request.get(`/api/v1/audits/${reaudit.id}`)).status()).toBe(404);
      await page.getByTestId('language-switch').getByText('中文').click();
      await page.goto('/audits');
      await page.getByText('还没有审计').waitFor();
      await shot(page, 'audits-manager-zh');
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
