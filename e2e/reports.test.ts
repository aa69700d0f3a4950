import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectBrowserProblems, DEMO_ADMIN, logInToDemo } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/shots/reports';
const EAST_MANAGER = 'east.manager@demo.lodestar.local';

// The monthly review page in headless Chromium against the demo organisation: an administrator opens last month's
// review as HTML in a new tab and downloads the PDF, in Chinese and in English, and subscribes a manager; a regional
// manager reads the review of their region and has no subscriptions to manage.
describe('monthly review in a real browser', () => {
  const demo = demoInBrowser(SHOTS);
  const problems: string[] = [];

  async function open(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({ baseURL: demo.server.baseUrl, locale, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    collectBrowserProblems(page, problems);
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `page-${name}.png`), fullPage: true });
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };
  /** Clicks "open HTML" and returns the review's tab once it has loaded. */
  const openHtml = async (page: Page, label: string) => {
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: label }).click()]);
    await tab.waitForLoadState('load');
    return tab;
  };

  it('an administrator opens last month’s review, downloads its PDF and subscribes a manager, in Chinese and in English', async () => {
    for (const [locale, suffix] of [
      ['zh-CN', 'zh'],
      ['en-US', 'en'],
    ] as const) {
      const zh = suffix === 'zh';
      const { context, page } = await open(locale);
      await run(page, `admin-${suffix}`, async () => {
        await logInToDemo(page, DEMO_ADMIN.email);
        await page.getByRole('menuitem', { name: zh ? '月度体验回顾' : 'Monthly review' }).click();
        await page.waitForURL('**/governance/monthly-review');
        await page.getByText(zh ? '邮件订阅' : 'E-mail subscriptions').waitFor();
        await shot(page, `admin-${suffix}`);

        const tab = await openHtml(page, zh ? '打开网页版' : 'Open HTML');
        const body = await tab.locator('body').innerText();
        expect(body).toContain(zh ? '月度体验回顾' : 'Monthly experience review');
        expect(await tab.locator('.card[data-metric="nps"] .value').innerText()).toMatch(/^-?\d+\.\d/);
        expect(await tab.locator('figure svg').count()).toBeGreaterThanOrEqual(3);
        await tab.screenshot({ path: path.join(SHOTS, `html-admin-${suffix}.png`), fullPage: true });
        await tab.close();

        const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: zh ? '下载 PDF（A4）' : 'Download PDF (A4)' }).click()]);
        expect(download.suggestedFilename()).toMatch(new RegExp(`^monthly-review-\\d{4}-\\d{2}-${zh ? 'zh-CN' : 'en'}\\.pdf$`));
        const file = path.join(SHOTS, `download-${suffix}.pdf`);
        await download.saveAs(file);
        expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

        if (zh) {
          await page.getByRole('button', { name: '添加订阅' }).click();
          const dialog = page.getByRole('dialog');
          await dialog.locator('.ant-select').first().click();
          await page.locator('.ant-select-item-option').filter({ hasText: EAST_MANAGER }).click();
          await dialog.locator('.ant-modal-title').click(); // closes the option list
          await shot(page, 'admin-subscribe-zh');
          await dialog.getByRole('button', { name: /保\s*存/ }).click();
          await page.getByRole('cell', { name: EAST_MANAGER }).waitFor();
        } else {
          await page.getByRole('cell', { name: EAST_MANAGER }).waitFor();
        }
        await shot(page, `admin-subscriptions-${suffix}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('a regional manager reads the review of their region and manages no subscriptions', async () => {
    const { context, page } = await open('en-US');
    await run(page, 'manager', async () => {
      await logInToDemo(page, EAST_MANAGER);
      await page.goto('/governance/monthly-review');
      await page.getByText('Your review covers your unit and the units below it').waitFor();
      expect(await page.getByText('E-mail subscriptions').count()).toBe(0);
      await shot(page, 'manager-en');
      const tab = await openHtml(page, 'Open HTML');
      expect(await tab.locator('body').innerText()).toContain('Scope: East China Region and the units below it');
      await tab.screenshot({ path: path.join(SHOTS, 'html-manager-en.png'), fullPage: true });
      await tab.close();
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
