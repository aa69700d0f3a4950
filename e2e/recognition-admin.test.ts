import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_ADMIN,
  SCREENSHOT_DIR,
  createThrowawayDatabase,
  ensureWebBuild,
  launchChromium,
  startServer,
  type RunningServer,
  type ThrowawayDatabase,
} from './helpers.ts';

const REWARD = { zh: '客户之星午餐券', en: 'Customer star lunch voucher', cost: '80' };
const EMPLOYEE_EMAIL = 'zhang.wei@demo.lodestar.local';

// Recognition settings and promotion readiness in a real browser: the demo admin changes the praise rule
// (a reload shows it kept), adds a bilingual reward, and sees who is ready for store manager and what the
// others miss, in both languages; an employee sees neither page in the menu.
describe('recognition settings and promotion readiness in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const browserProblems: string[] = [];

  const watch = (p: Page) => {
    p.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
    p.on('console', (message) => {
      if (message.type() === 'error' && !/^Failed to load resource: .* status of 401\b/.test(message.text())) browserProblems.push(`console: ${message.text()}`);
    });
  };

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const baseDatabaseUrl = process.env.DATABASE_URL;
    if (baseDatabaseUrl) database = await createThrowawayDatabase(baseDatabaseUrl);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch(page);
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  const shot = (target: Page, name: string, fullPage = true) =>
    target.screenshot({ path: path.join(SCREENSHOT_DIR, `recognition-admin-${name}.png`), animations: 'disabled', fullPage });

  async function logIn(target: Page, email: string) {
    await target.goto('/login');
    await target.locator('#email').fill(email);
    await target.locator('#password').fill(DEMO_ADMIN.password);
    await target.locator('#org').fill(DEMO_ADMIN.org);
    await target.locator('button[type=submit]').click();
    await target.waitForURL(/\/dashboards\/executive|\/workbench/);
  }

  it('saves the points rules, adds a bilingual reward and shows promotion readiness', async () => {
    try {
      await logIn(page, DEMO_ADMIN.email);

      // Points rules: customer praise from +10 to +15, kept after a reload.
      await page.getByRole('menuitem', { name: '激励设置' }).click();
      await page.waitForURL(/\/recognition\/settings$/);
      const praise = page.locator('#praise');
      await expect.poll(() => praise.inputValue()).toBe('10');
      await praise.fill('15');
      await page.getByTestId('points-rules').getByRole('button', { name: /保\s*存|Save/ }).click();
      await page.getByText('积分规则已保存').waitFor();
      await page.reload();
      await expect.poll(() => page.locator('#praise').inputValue()).toBe('15');
      await expect.poll(() => page.locator('#manualMonthlyCap').inputValue()).toBe('200');

      // A value the server refuses is shown under its field (the answer is faked: the form's own limits are stricter than the API's).
      const probe = await context.newPage();
      await probe.route('**/api/v1/points/rules', (route) =>
        route.request().method() === 'PUT'
          ? route.fulfill({
              status: 400,
              json: { error: { code: 'invalid_request', message: 'the request has invalid fields', details: { issues: [{ field: 'body.praise', message: 'Too big: expected number to be <=100000' }] } } },
            })
          : route.continue(),
      );
      await probe.goto('/recognition/settings');
      await expect.poll(() => probe.locator('#praise').inputValue()).toBe('15');
      await probe.getByTestId('points-rules').getByRole('button', { name: /保\s*存|Save/ }).click();
      await probe.getByText('未被接受：Too big: expected number to be <=100000').waitFor();
      await shot(probe, 'refused-zh', false);
      await probe.close();

      // The reward catalogue: a new reward with its Chinese and English names.
      const catalogue = page.getByTestId('reward-catalogue');
      await catalogue.getByText('带薪休假一天').waitFor();
      await catalogue.getByRole('button', { name: '新增奖励' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('#name').fill(REWARD.zh);
      await dialog.locator('#nameEn').fill(REWARD.en);
      await dialog.locator('#description').fill('与团队共进午餐一次');
      await dialog.locator('#descriptionEn').fill('Lunch with your team, on us');
      await dialog.locator('#cost').fill(REWARD.cost);
      await shot(page, 'reward-modal-zh', false);
      await dialog.getByRole('button', { name: /保\s*存|Save/ }).click();
      await page.getByText('奖励已加入目录').waitFor();
      const row = catalogue.locator('tr', { hasText: REWARD.zh });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain(REWARD.en);
      await expect(row.textContent()).resolves.toContain('80 积分');

      // Disabling it: admins still see it, greyed, with its status.
      await row.getByRole('button', { name: /停\s*用/ }).click();
      const confirm = page.locator('.ant-popconfirm');
      const confirmDisable = confirm.getByRole('button', { name: /停\s*用/ });
      await confirmDisable.waitFor();
      await expect.poll(() => confirm.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
      await shot(page, 'disable-confirm-zh', false);
      await confirmDisable.click();
      await page.getByText('奖励已停用').waitFor();
      await row.getByText('已停用').waitFor();
      await expect(row.textContent()).resolves.toContain('与团队共进午餐一次');
      await row.getByRole('button', { name: /启\s*用/ }).waitFor();
      await page.mouse.move(0, 0);
      await shot(page, 'settings-zh');

      // Promotion readiness for store manager: candidates, and what each still needs.
      await page.getByRole('menuitem', { name: '晋升评估' }).click();
      await page.waitForURL(/\/recognition\/promotion/);
      await page.getByTestId('promotion-criteria').getByText('门店经理').waitFor();
      const missing = page.getByTestId('promotion-readiness').getByTestId('readiness-missing').first();
      await missing.waitFor();
      expect(await missing.textContent()).toMatch(/还差 \d+ |个人净推荐值 .* < 40|尚无个人净推荐值/);
      await shot(page, 'promotion-zh');

      // The same pages in English.
      await page.evaluate(() => localStorage.setItem('lodestar.language', 'en'));
      await page.goto('/recognition/settings');
      await expect.poll(() => page.locator('#praise').inputValue()).toBe('15');
      await page.getByTestId('reward-catalogue').locator('tr', { hasText: REWARD.en }).waitFor();
      await shot(page, 'settings-en');

      await page.goto('/recognition/promotion');
      await page.getByTestId('promotion-criteria').getByText('Store manager').waitFor();
      const missingEn = page.getByTestId('readiness-missing').first();
      await missingEn.waitFor();
      expect(await missingEn.textContent()).toMatch(/needs \d+ more|personal NPS .* < 40|no personal NPS yet/);
      await shot(page, 'promotion-en');
      await page.getByRole('button', { name: 'Edit criteria' }).click();
      await page.getByRole('dialog').locator('#minNps').waitFor();
      await shot(page, 'criteria-modal-en', false);
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      // The annual team award, granted by an admin for last year (in the second half of a year the demo's history starts that year, so no unit qualifies).
      const lastYear = new Date().getFullYear() - 1;
      await page.goto('/recognition/leaderboards');
      await page.getByRole('button', { name: `Grant ${lastYear} team awards` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
      await page.getByText(new RegExp(`No unit met all its targets in ${lastYear}|\\d+ team awards? granted`)).waitFor();
      await shot(page, 'leaderboards-en');
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).message}\nbrowser: ${browserProblems.join('\n')}`);
    }
    expect(browserProblems).toEqual([]);
  }, 300_000);

  it('hides both pages from an employee', async () => {
    const employee = await context.browser()!.newContext({ baseURL: server!.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const employeePage = await employee.newPage();
    employeePage.setDefaultTimeout(20_000);
    watch(employeePage);
    try {
      await logIn(employeePage, EMPLOYEE_EMAIL);
      await employeePage.getByRole('menuitem', { name: '表扬墙' }).waitFor();
      expect(await employeePage.getByRole('menuitem', { name: '激励设置' }).count()).toBe(0);
      expect(await employeePage.getByRole('menuitem', { name: '晋升评估' }).count()).toBe(0);
      await employeePage.goto('/recognition/settings');
      await employeePage.getByTestId('no-access').getByText('此页面不在您的角色范围内').waitFor();
    } finally {
      await employee.close();
    }
    expect(browserProblems).toEqual([]);
  }, 60_000);
});
