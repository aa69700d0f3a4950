import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, SCREENSHOT_DIR, createThrowawayDatabase, ensureWebBuild, launchChromium, startServer, type RunningServer, type ThrowawayDatabase } from './helpers.ts';

const CLERK = 'wang.fang@demo.lodestar.local';
const MANAGER = 'xuhui.manager@demo.lodestar.local';

// The journey map against the demo organisation in headless Chromium: the admin sees the delivery journey's
// cards coloured against target, the emotion curve and the Sankey of paths, switches to the in-store journey,
// opens the editor and creates an alert rule from a template; in English too; a store manager sees their units'
// figures and no editing, and an employee does not get the page.
describe('journey map in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    if (process.env.DATABASE_URL) database = await createThrowawayDatabase(process.env.DATABASE_URL);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  async function open(locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, locale, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/^Failed to load resource: .* status of 401\b/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `journeys-${name}.png`), animations: 'disabled', fullPage: true });
  const logIn = async (page: Page, email: string) => {
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };
  /** Waits for the map and both charts, then for ECharts' animations to end. */
  const mapDrawn = async (page: Page) => {
    await expect.poll(() => page.getByTestId('touchpoint-card').count(), { timeout: 30_000 }).toBe(3);
    for (const id of ['journey-emotion', 'journey-sankey']) await page.getByTestId(id).locator('canvas').first().waitFor();
    await page.waitForTimeout(1500);
  };
  const statuses = (page: Page) => page.getByTestId('touchpoint-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-status')));
  const run = async (page: Page, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };

  it('admin: the delivery journey map, the in-store journey, the editor and an alert-rule template', async () => {
    const { context, page } = await open();
    await run(page, async () => {
      await logIn(page, DEMO_ADMIN.email);
      await page.getByRole('menuitem', { name: '客户旅程' }).click();
      await page.waitForURL('**/journeys');
      await mapDrawn(page);
      await expect.poll(() => page.getByTestId('journey-stage').allInnerTexts(), { timeout: 15_000 }).toEqual([expect.stringContaining('线上下单'), expect.stringContaining('送货上门'), expect.stringContaining('售后服务')]);
      // The admin sees the whole organisation: every card has figures, none is grey.
      expect((await statuses(page)).every((s) => s && s !== 'insufficient')).toBe(true);
      expect(await page.getByTestId('journey-stage').nth(1).getByTestId('touchpoint-card').getAttribute('data-kind')).toBe('moment');
      await shot(page, 'admin-delivery-zh');

      await page.getByTestId('journey-select').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '门店购物' }).click();
      await expect.poll(() => page.getByTestId('journey-stage').first().innerText(), { timeout: 15_000 }).toContain('到店选购结账');
      await mapDrawn(page);
      await shot(page, 'admin-in-store-zh');

      await page.getByTestId('journey-edit').click();
      await page.getByTestId('journey-save').waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'journeys-editor-zh.png') });
      await page.getByTestId('journey-save').click();
      await page.getByText('旅程已保存').waitFor();

      await page.getByTestId('journey-alerts').click();
      await page.getByRole('menuitem', { name: /关键时刻/ }).click();
      await page.getByText(/已创建预警规则/).waitFor();
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('admin in English', async () => {
    const { context, page } = await open('en-US');
    await run(page, async () => {
      await logIn(page, DEMO_ADMIN.email);
      await page.goto('/journeys');
      await mapDrawn(page);
      await expect.poll(() => page.getByTestId('journey-stage').first().innerText(), { timeout: 15_000 }).toContain('Order online');
      await page.getByText('Moment that matters').first().waitFor();
      await shot(page, 'admin-delivery-en');
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 90_000);

  it('manager: their units’ figures and no editing; an employee does not get the page', async () => {
    for (const locale of ['zh-CN', 'en-US']) {
      const lang = locale === 'en-US' ? 'en' : 'zh';
      const { context, page } = await open(locale);
      await run(page, async () => {
        await logIn(page, MANAGER);
        await page.goto('/journeys');
        await mapDrawn(page);
        await page.getByText(lang === 'en' ? 'Figures cover your units only.' : '数据仅含您负责的单元。').waitFor();
        expect(await page.getByTestId('journey-edit').count()).toBe(0);
        expect(await page.getByTestId('journey-new').count()).toBe(0);
        await shot(page, `manager-${lang}`);
      });
      await context.close();
    }
    // Journeys are not part of an employee's work: no menu entry, and the address says so kindly.
    const { context, page } = await open();
    await run(page, async () => {
      await logIn(page, CLERK);
      await page.getByRole('menuitem', { name: '工作台' }).waitFor();
      expect(await page.getByRole('menuitem', { name: '客户旅程' }).count()).toBe(0);
      await page.goto('/journeys');
      await page.getByTestId('no-access').waitFor();
      await shot(page, 'employee-zh');
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 150_000);
});
