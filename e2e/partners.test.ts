import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectBrowserProblems, DEMO_ADMIN, logInToDemo } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/shots/partners';
const EAST_MANAGER = 'east.manager@demo.lodestar.local';
/** The demo's partner link and passcode, as the README prints them (src/server/demo/demo-partners.ts). */
const DEMO_PARTNER_TOKEN = 'demo-shandian-express-partner-report-2026';
const DEMO_PARTNER_PASSCODE = 'xingchen-partner';

// Partners in headless Chromium against the demo organisation: the courier company's people unlock their report on a
// phone (with and without JavaScript: the page needs none), read it and send an idea, in Chinese and English; an
// administrator manages partners and share links in both languages; a manager reads them without managing.
describe('partners in a real browser', () => {
  const demo = demoInBrowser(SHOTS);
  const problems: string[] = [];

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };
  async function open(options: { locale: string; phone?: boolean; javaScript?: boolean; watch?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({
      baseURL: demo.server.baseUrl,
      locale: options.locale,
      javaScriptEnabled: options.javaScript ?? true,
      viewport: options.phone ? { width: 375, height: 812 } : { width: 1440, height: 1000 },
      deviceScaleFactor: options.phone ? 2 : 1,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    // A page expected to answer with an error status (410) logs it as a console error: not a problem then.
    if (options.watch ?? true) collectBrowserProblems(page, problems);
    return { context, page };
  }

  for (const [locale, suffix, javaScript] of [
    ['zh-CN', 'zh', false],
    ['en-US', 'en', true],
  ] as const) {
    it(`the partner unlocks, reads and sends an idea on a phone (${suffix}, JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { context, page } = await open({ locale, phone: true, javaScript });
      const zh = suffix === 'zh';
      await run(page, `phone-${suffix}`, async () => {
        await page.goto(`/partner/${DEMO_PARTNER_TOKEN}`);
        await page.getByText(zh ? '此报告需要访问码' : 'This report needs a passcode').waitFor();
        await shot(page, `phone-locked-${suffix}`);
        await page.getByLabel(zh ? '访问码' : 'Passcode').fill('not-the-passcode');
        await page.getByRole('button', { name: zh ? '查看报告' : 'View report' }).click();
        await page.getByRole('alert').waitFor();
        expect(await page.getByRole('alert').innerText()).toContain(zh ? '访问码不正确' : 'That passcode is wrong');
        await page.getByLabel(zh ? '访问码' : 'Passcode').fill(DEMO_PARTNER_PASSCODE);
        await page.getByRole('button', { name: zh ? '查看报告' : 'View report' }).click();
        await page.getByRole('heading', { name: /闪电同城配送/ }).waitFor();
        expect(await page.locator('blockquote').count()).toBeGreaterThanOrEqual(10);
        // No staff name reaches the partner (the demo's comments name the couriers).
        const text = await page.locator('main').innerText();
        for (const name of ['吴磊', '郑浩', '宋杰']) expect(text).not.toContain(name);
        // The page fits a phone: nothing wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await shot(page, `phone-report-${suffix}`);
        // The full page is long (every verbatim): screens of its top and of the verbatims' start, as a phone shows them.
        await page.screenshot({ path: path.join(SHOTS, `phone-report-top-${suffix}.png`) });
        await page.locator('#verbatims').scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(SHOTS, `phone-report-verbatims-${suffix}.png`) });

        await page.getByRole('link', { name: zh ? '近 30 天' : '30 days' }).click();
        await page.waitForURL(/days=30/);
        await page.getByLabel(zh ? '标题' : 'Title').fill(zh ? '雨天为骑手配备防水袋' : 'Waterproof bags for riders on rainy days');
        await page.getByLabel(zh ? '说明（选填）' : 'Details (optional)').fill(zh ? '下雨天有顾客反映餐品被淋湿。' : 'Customers said their orders got wet in the rain.');
        await page.getByRole('button', { name: zh ? '提交建议' : 'Send idea' }).click();
        await page.getByRole('status').waitFor();
        expect(await page.getByRole('status').innerText()).toContain(zh ? '您的建议已提交' : 'Your idea has been sent');
        await page.locator('#idea').scrollIntoViewIfNeeded();
        await shot(page, `phone-idea-${suffix}`);
      });
      await context.close();
      expect(problems, problems.join('\n')).toEqual([]);
    }, 120_000);
  }

  it('an expired link explains itself', async () => {
    const { context, page } = await open({ locale: 'zh-CN', phone: true, watch: false });
    const res = await page.goto(`/partner/${DEMO_PARTNER_TOKEN}-expired`);
    expect(res?.status()).toBe(410);
    await page.getByText('链接已过期').waitFor();
    await shot(page, 'phone-expired-zh');
    await context.close();
  }, 60_000);


  for (const [locale, suffix] of [
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ] as const) {
    it(`an administrator previews a partner's report and manages its share links (${suffix})`, async () => {
      const { context, page } = await open({ locale });
      const zh = suffix === 'zh';
      await run(page, `admin-${suffix}`, async () => {
        await logInToDemo(page, DEMO_ADMIN.email);
        await page.getByRole('menuitem', { name: zh ? '合作伙伴' : 'Partners' }).click();
        await page.waitForURL('**/partners');
        await page.getByRole('button', { name: '闪电同城配送' }).waitFor();
        await shot(page, `admin-list-${suffix}`);
        await page.getByRole('button', { name: '闪电同城配送' }).click();
        const report = page.getByTestId('partner-report');
        await report.locator('.ant-list-item').first().waitFor();
        await page.waitForTimeout(400);
        await shot(page, `admin-report-${suffix}`);
        await page.getByRole('tab', { name: zh ? '分享链接' : 'Share links' }).click();
        await page.getByTestId('link-passcode').fill(zh ? '新的访问码2026' : 'new-passcode-2026');
        await page.getByTestId('link-create').click();
        const url = await page.getByTestId('link-url').innerText();
        expect(url).toMatch(/\/partner\/[A-Za-z0-9_-]{43}$/);
        await page.waitForTimeout(400);
        await shot(page, `admin-drawer-${suffix}`);
        // Revoke the new link: its address answers 404 at once.
        await page.getByTestId('partner-links').getByTestId('link-revoke').first().click();
        await page.locator('.ant-popconfirm .ant-btn-primary').click();
        await expect.poll(async () => (await page.request.get(new URL(url).pathname)).status()).toBe(404);

        // The supplier has too few comments: the preview says why the partner sees none.
        await page.locator('.ant-drawer-close').click();
        await page.getByRole('button', { name: '鲜果源供应链' }).click();
        await page.getByTestId('partner-report').getByText(zh ? '留言满 10 条' : 'from 10 comments on').waitFor();
        await shot(page, `admin-supplier-${suffix}`);
      });
      await context.close();
      expect(problems, problems.join('\n')).toEqual([]);
    }, 150_000);
  }

  it('a manager reads partners but neither creates nor revokes', async () => {
    const { context, page } = await open({ locale: 'en-US' });
    await run(page, 'manager', async () => {
      await logInToDemo(page, EAST_MANAGER);
      await page.goto('/partners');
      await page.getByRole('button', { name: '杭州西湖加盟店' }).click();
      await page.getByTestId('partner-report').locator('.ant-list-item').first().waitFor();
      await page.getByRole('tab', { name: 'Share links' }).click();
      await page.getByTestId('partner-links').getByText('Expired').waitFor();
      expect(await page.getByTestId('partner-new').count()).toBe(0);
      expect(await page.getByTestId('link-create').count()).toBe(0);
      expect(await page.getByTestId('link-revoke').count()).toBe(0);
      await page.waitForTimeout(400);
      await shot(page, 'manager-en');
    });
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  }, 90_000);
});
