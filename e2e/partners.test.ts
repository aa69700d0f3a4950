import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitScoreOf, PARTNER_FIT_ITEMS, type PartnerFitItem } from '../src/contracts/partners.ts';
import { collectBrowserProblems, DEMO_ADMIN, logInToDemo, SCREENSHOT_DIR } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/shots/partners';
/** The drawer's newer tabs (rules, replies, CX fit), kept for review beside the repository (git-ignored). */
const VOICE_SHOTS = path.join(SCREENSHOT_DIR, 'partners');
const COURIER = '闪电同城配送';
const EAST_MANAGER = 'east.manager@demo.lodestar.local';
/** The demo's partner link and passcode, as the README prints them (src/server/demo/demo-partners.ts). */
const DEMO_PARTNER_TOKEN = 'demo-shandian-express-partner-report-2026';
const DEMO_PARTNER_PASSCODE = 'xingchen-partner';
/** The courier's partner login (the demo password, as every demo login). */
const DEMO_PARTNER_LOGIN = 'shandian.partner@demo.lodestar.local';
const LANGUAGES = [['zh-CN', 'zh'], ['en-US', 'en']] as const;

// Partners in headless Chromium against the demo organisation: the courier company's people unlock their report on a
// phone (with and without JavaScript: the page needs none), read it and send an idea, and sign in with their partner
// login to read it and reply, in Chinese and English; an administrator manages partners and share links in both
// languages; a manager reads them without managing.
describe('partners in a real browser', () => {
  const demo = demoInBrowser(SHOTS);
  const problems: string[] = [];
  beforeAll(() => void fs.mkdirSync(VOICE_SHOTS, { recursive: true }));

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };
  async function open(options: { locale: string; phone?: boolean; javaScript?: boolean; watch?: boolean; tall?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({
      baseURL: demo.server.baseUrl,
      locale: options.locale,
      javaScriptEnabled: options.javaScript ?? true,
      viewport: options.phone ? { width: 375, height: 812 } : { width: 1440, height: options.tall ? 1300 : 1000 },
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

  for (const [locale, suffix] of LANGUAGES) {
    it(`the courier's partner login reads its report and replies to a period on a phone (${suffix})`, async () => {
      const { context, page } = await open({ locale, phone: true });
      const zh = suffix === 'zh';
      const loginShot = (name: string, fullPage = false) => page.screenshot({ path: path.join(VOICE_SHOTS, `login-${name}-${suffix}.png`), fullPage });
      await run(page, `login-${suffix}`, async () => {
        await logInToDemo(page, DEMO_PARTNER_LOGIN);
        expect(new URL(page.url()).pathname).toBe('/partner-home');
        const report = page.getByTestId('partner-report');
        await report.getByRole('heading', { name: /闪电同城配送/ }).waitFor();
        await report.locator('.ant-list-item').first().waitFor();
        for (const name of ['吴磊', '郑浩', '宋杰']) expect(await page.locator('main').innerText()).not.toContain(name);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await loginShot('report');
        // A reply answers the period on screen: pick 30 days, then write.
        await report.locator('.ant-segmented-item', { hasText: zh ? '近 30 天' : '30 days' }).click();
        const replies = page.getByTestId('own-replies');
        await replies.getByText(zh ? '针对近 30 天的报告（' : 'the last 30 days').waitFor();
        const body = zh ? '下月起雨天每单加防水袋，17:00 前优先派送写字楼订单。' : 'From next month: a waterproof bag for every rainy-day order, office orders first before 5 pm.';
        await replies.getByTestId('reply-body').fill(body);
        await replies.getByTestId('reply-send').click();
        await replies.getByTestId('reply-sent').waitFor();
        const newest = replies.locator('.ant-list-item').first();
        await newest.getByText(body).waitFor();
        expect(await newest.innerText()).toContain(zh ? '针对近 30 天的报告' : 'On the 30-day report');
        expect(await replies.locator('.ant-list-item').count()).toBeGreaterThanOrEqual(2); // and the demo's reply through the link
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
        await replies.getByTestId('reply-sent').scrollIntoViewIfNeeded();
        await loginShot('reply');
        await page.getByTestId('own-ideas').locator('.ant-list-item').first().scrollIntoViewIfNeeded();
        await loginShot('ideas');
        await loginShot('page', true);
      });
      await context.close();
      expect(problems, problems.join('\n')).toEqual([]);
    }, 120_000);
  }

  for (const [locale, suffix] of LANGUAGES) {
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

  for (const [locale, suffix] of LANGUAGES) {
    it(`an administrator reads the courier's attribution rules, replies and CX fit, and reviews its fit (${suffix})`, async () => {
      const { context, page } = await open({ locale, tall: true });
      const zh = suffix === 'zh';
      const voiceShot = (name: string) => page.screenshot({ path: path.join(VOICE_SHOTS, `${name}-${suffix}.png`) });
      await run(page, `voice-${suffix}`, async () => {
        await logInToDemo(page, DEMO_ADMIN.email);
        await page.goto('/partners');
        // Every demo partner has a CX-fit review: the list shows its score.
        const courierRow = page.locator('.ant-table-row').filter({ has: page.getByRole('button', { name: COURIER }) });
        await courierRow.getByTestId('fit-score').waitFor();
        expect(await page.locator('.ant-table-row').getByTestId('fit-score').count()).toBe(await page.locator('.ant-table-row').count());
        await page.getByRole('button', { name: COURIER }).click();
        // The report preview carries the latest fit above it.
        await page.getByTestId('fit-summary').getByTestId('fit-score').waitFor();

        // Attribution: the demo's two rules, home delivery at each delivery unit.
        await page.getByRole('tab', { name: zh ? '归属规则' : 'Attribution' }).click();
        const rules = page.getByTestId('partner-rules');
        await rules.locator('.ant-table-row').first().waitFor();
        const ruleRows = await rules.locator('.ant-table-row').allInnerTexts();
        expect(ruleRows).toHaveLength(2);
        for (const row of ruleRows) expect(row).toContain(zh ? '配送上门' : 'Home delivery');
        expect(new Set(ruleRows).size).toBe(2);
        // A new touchpoint, typed, anywhere, with past records: added, reported, then deleted again.
        const touchpoint = `e2e_parcel_locker_${suffix}`;
        await rules.getByTestId('rule-touchpoint').locator('input').fill(touchpoint);
        await rules.getByTestId('rule-past').check();
        await rules.getByTestId('rule-add').click();
        await rules.getByTestId('rule-added').waitFor();
        expect(await rules.getByTestId('rule-added').innerText()).toMatch(zh ? /0 次过往互动和 0 份过往回答/ : /0 past interactions and 0 past responses/);
        await rules.locator('.ant-table-row', { hasText: touchpoint }).waitFor();
        await page.waitForTimeout(300);
        await voiceShot('rules');
        await rules.locator('.ant-table-row', { hasText: touchpoint }).getByTestId('rule-delete').click();
        await page.locator('.ant-popconfirm .ant-btn-primary').click();
        await expect.poll(() => rules.locator('.ant-table-row').count()).toBe(2);

        // The courier's reply to a report period.
        await page.getByRole('tab', { name: zh ? '合作伙伴回复' : 'Partner’s replies' }).click();
        const replies = page.getByTestId('partner-replies');
        await replies.locator('.ant-list-item').first().waitFor();
        expect(await replies.locator('.ant-list-item').first().innerText()).toMatch(zh ? /近 \d+ 天/ : /Last \d+ days/);
        await page.waitForTimeout(300);
        await voiceShot('replies');

        // CX fit: the demo's review, then a new one whose score replaces it everywhere.
        await page.getByRole('tab', { name: zh ? '体验契合度' : 'CX fit' }).click();
        const fit = page.getByTestId('partner-fit');
        await fit.getByTestId('fit-latest').getByTestId('fit-score').waitFor();
        const historyBefore = await fit.getByTestId('fit-history').locator('.ant-table-row').count();
        expect(historyBefore).toBeGreaterThanOrEqual(1);
        await page.waitForTimeout(300);
        await voiceShot('fit');
        const answers: Record<PartnerFitItem, number> = zh
          ? { vision: 5, feedback: 4, speed: 2, frontline: 3, measurement: 4 }
          : { vision: 3, feedback: 2, speed: 2, frontline: 3, measurement: 1 };
        await fit.getByTestId('fit-new').click();
        for (const item of PARTNER_FIT_ITEMS) await fit.getByTestId(`fit-${item}`).locator('label').nth(answers[item] - 1).click();
        await fit.getByTestId('fit-note').fill(zh ? '雨天配送超时的投诉减少，但骑手培训仍需加强。' : 'Fewer late deliveries in the rain; rider training still lags.');
        const expected = fitScoreOf(answers);
        await fit.getByTestId('fit-form').getByTestId('fit-score').filter({ hasText: String(expected) }).waitFor();
        await page.waitForTimeout(300);
        await voiceShot('fit-form');
        await fit.getByTestId('fit-save').click();
        await expect.poll(() => fit.getByTestId('fit-history').locator('.ant-table-row').count()).toBe(historyBefore + 1);
        const scoreOf = async (where: ReturnType<Page['getByTestId']>) => Number((await where.getByTestId('fit-score').innerText()).match(/\d+/)?.[0]);
        expect(await scoreOf(fit.getByTestId('fit-latest'))).toBe(expected);
        await page.waitForTimeout(300);
        await voiceShot('fit-reviewed');
        await page.getByRole('tab', { name: zh ? '报告预览' : 'Report preview' }).click();
        expect(await scoreOf(page.getByTestId('fit-summary'))).toBe(expected);
        await page.getByTestId('partner-report').locator('.ant-list-item').first().waitFor();
        await page.waitForTimeout(300);
        await voiceShot('report-with-fit');
        await page.locator('.ant-drawer-close').click();
        await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
        await expect.poll(() => scoreOf(courierRow)).toBe(expected);
        await voiceShot('list');
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
      // The franchisee's unit-only rule and its CX fit, read-only.
      await page.getByRole('tab', { name: 'Attribution' }).click();
      await page.getByTestId('partner-rules').locator('.ant-table-row').getByText('Any touchpoint', { exact: true }).waitFor();
      expect(await page.getByTestId('rule-form').count()).toBe(0);
      expect(await page.getByTestId('rule-delete').count()).toBe(0);
      await page.getByRole('tab', { name: 'CX fit' }).click();
      await page.getByTestId('fit-latest').waitFor();
      expect(await page.getByTestId('fit-new').count()).toBe(0);
      // The franchisee has not replied: the tab says how partners do.
      await page.getByRole('tab', { name: 'Partner’s replies' }).click();
      await page.getByTestId('partner-replies').getByText('No replies yet').waitFor();
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(VOICE_SHOTS, 'replies-empty-manager-en.png') });
      await page.waitForTimeout(400);
      await shot(page, 'manager-en');
    });
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  }, 90_000);
});
