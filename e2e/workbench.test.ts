import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN,
  DEMO_SURVEY_NAME,
  SCREENSHOT_DIR,
  createThrowawayDatabase,
  ensureWebBuild,
  launchChromium,
  startServer,
  type RunningServer,
  type ThrowawayDatabase,
} from './helpers.ts';

const COURIER = { email: 'zhang.wei@demo.lodestar.local', name: '张伟' };

// The closed loop in two browsers: a detractor answers on the public page on a phone, and the case
// appears live on the serving courier's workbench, who acknowledges it and compensates within authority.
describe('workbench in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let staff: BrowserContext;
  let page: Page;
  const browserProblems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const baseDatabaseUrl = process.env.DATABASE_URL;
    if (baseDatabaseUrl) database = await createThrowawayDatabase(baseDatabaseUrl);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
    staff = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = await staff.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/^Failed to load resource: .* status of 401\b/.test(message.text())) browserProblems.push(`console: ${message.text()}`);
    });
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `workbench-${name}.png`), animations: 'disabled' });

  /** A personal link for the demo survey bound to the courier, made through the API as an admin would. */
  async function courierLink(): Promise<string> {
    const api = await browser!.newContext({ baseURL: server!.baseUrl });
    try {
      const login = await api.request.post('/api/v1/auth/login', { data: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, org: DEMO_ADMIN.org } });
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const headers = { 'x-csrf-token': csrfToken };
      const employees = (await (await api.request.get('/api/v1/employees?limit=500')).json()) as { items: { id: string; name: string; unitId: string }[] };
      const courier = employees.items.find((e) => e.name === COURIER.name)!;
      const surveys = (await (await api.request.get('/api/v1/surveys')).json()) as { items: { id: string; name: string; status: string }[] };
      const survey = surveys.items.find((s) => s.name === DEMO_SURVEY_NAME)!; // the one-page demo survey
      const link = await api.request.post(`/api/v1/surveys/${survey.id}/links`, {
        headers,
        data: { employeeId: courier.id, unitId: courier.unitId, touchpoint: 'home_delivery', channel: 'sms', lang: 'zh-CN' },
      });
      expect(link.status()).toBe(201);
      return ((await link.json()) as { url: string }).url;
    } finally {
      await api.close();
    }
  }

  it('shows a detractor’s case live on the serving employee’s workbench, acknowledged and compensated in a few clicks', async () => {
    try {
      const url = await courierLink();
      await page.goto('/login');
      await page.locator('#email').fill(COURIER.email);
      await page.locator('#password').fill(DEMO_ADMIN.password);
      await page.locator('#org').fill(DEMO_ADMIN.org);
      await page.locator('button[type=submit]').click();
      await page.waitForURL(/\/workbench$/); // an employee's home page
      await page.getByRole('menuitem', { name: '工作台' }).click();
      await page.waitForURL(/\/workbench$/);
      const table = page.getByTestId('workbench-cases');
      await table.locator('.ant-table-row').first().waitFor(); // the demo courier has open cases already
      // The morning greeting: yesterday's most touching praise (the demo has praise every day), linking to the wall.
      await page.getByTestId('highlight-banner').getByText('去表扬墙').waitFor();
      const rowsBefore = await table.locator('.ant-table-row').count();

      // The customer, on a phone, in another browser: two out of ten and a complaint.
      const phone = await browser!.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
      const survey = await phone.newPage();
      await survey.goto(url);
      await survey.locator('input[name="nps"][value="2"]').check({ force: true });
      await survey.locator('textarea').first().fill('快递员把包裹扔在门口，东西摔坏了');
      await survey.waitForTimeout(3200); // a human takes a few seconds; faster answers are flagged and open no case
      await survey.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-customer-phone.png') });
      const submittedAt = performance.now();
      await survey.locator('button[type=submit]').click();
      await survey.getByRole('heading').first().waitFor();
      await phone.close();

      // The courier's workbench hears of it without a reload.
      await page.getByText('您有一张新工单').waitFor({ timeout: 15_000 });
      const liveMs = performance.now() - submittedAt;
      await expect.poll(() => table.locator('.ant-table-row').count(), { timeout: 10_000 }).toBe(rowsBefore + 1);
      console.log(`case on the workbench ${Math.round(liveMs)} ms after the customer pressed submit`);
      await shot('live-case-zh');

      // Two clicks: acknowledge, then compensate 100 CNY (a courier may grant up to 200).
      const row = table.locator('.ant-table-row', { has: page.locator('.ant-badge-status-processing') }); // the case that just arrived
      await expect.poll(() => row.count()).toBe(1);
      await row.locator('[data-testid^="acknowledge-"]').click();
      await page.getByText('已受理：这位客户的问题由您负责').waitFor();
      await row.locator('[data-testid^="case-"]').click();
      const drawer = page.getByTestId('case-drawer');
      await drawer.getByText('快递员把包裹扔在门口，东西摔坏了').waitFor();
      await drawer.getByTestId('action-compensate').click();
      const dialog = page.locator('.ant-modal', { hasText: '补偿方式' });
      await dialog.getByLabel('金额').fill('100');
      await dialog.getByRole('button', { name: /保\s?存/ }).click();
      await drawer.getByText('发放补偿').waitFor();
      await drawer.getByText('100 CNY').first().waitFor();
      await shot('case-compensated-zh');

      // Above the limit it goes to the manager for approval instead.
      await drawer.getByTestId('action-compensate').click();
      await dialog.getByLabel('金额').fill('500');
      await dialog.getByRole('button', { name: /保\s?存/ }).click();
      await page.getByText('超出您的授权额度：已提交上级审批').waitFor();
      await drawer.getByText('申请审批').waitFor();
      await shot('case-approval-zh');
    } catch (error) {
      await shot('failure');
      throw new Error(`${(error as Error).message}\nbrowser: ${browserProblems.join('\n')}`);
    }
    expect(browserProblems).toEqual([]);
  }, 180_000);
});
