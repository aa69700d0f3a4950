import path from 'node:path';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectBrowserProblems, DEMO_ADMIN } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/shots/frontline';
const COURIER = 'zhang.wei@demo.lodestar.local';
const STORE_MANAGER = 'xuhui.manager@demo.lodestar.local';

/** A 640×480 PNG with a gradient, as a phone's camera roll might hand over (the page re-encodes it as a JPEG). */
function photoPng(width = 640, height = 480): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => (bytes.reduce((c, b) => crcTable[(c ^ b) & 0xff]! ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([90 + (x * 120) / width, 140 + (y * 80) / height, 200], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

// The frontline in headless Chromium against the demo: a courier captures a customer's problem on a
// 375 px phone and asks their manager for support; the store manager claims a case from the queue and
// reads the team's case load and the unit counts; each page in Chinese and English.
describe('frontline in a real browser', () => {
  const demo = demoInBrowser(SHOTS);
  const problems: string[] = [];

  async function open(email: string, locale: string, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({ baseURL: demo.server.baseUrl, locale, viewport, deviceScaleFactor: viewport.width < 500 ? 2 : 1 });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    collectBrowserProblems(page, problems);
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };
  /** Nothing on the page is wider than the phone's screen. */
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  /** Picks an option of a searchable select by typing and clicking the match. */
  const pick = async (page: Page, testId: string, typed: string, option: RegExp) => {
    await page.getByTestId(testId).click();
    await page.keyboard.type(typed);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  };

  it('a courier captures a problem on a phone, with a photo, and asks for support', async () => {
    const { context, page } = await open(COURIER, 'zh-CN', { width: 375, height: 812 });
    await run(page, 'courier-zh', async () => {
      await page.goto('/workbench');
      await page.getByTestId('open-capture').click();
      await page.waitForURL('**/capture');
      await page.getByText('发生了什么').waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await shot(page, 'capture-zh-375-empty');
      await page.getByTestId('customer-mode').getByText('新客户').click();
      await page.getByLabel('姓名').fill('周女士');
      await page.getByLabel('手机号').fill('13912345678');
      await page.getByLabel('发生了什么').fill('客户说送来的牛奶已过期两天，要求换货并希望以后送货前核对日期。');
      await page.getByLabel('触点').fill('送货上门');
      await page.getByText('高', { exact: true }).click();
      await page.getByTestId('photo-input').setInputFiles({ name: 'milk.png', mimeType: 'image/png', buffer: photoPng() });
      await page.locator('.frontline-photo img').waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await shot(page, 'capture-zh-375-filled');
      await page.getByTestId('capture-submit').click();
      await page.getByTestId('capture-done').waitFor();
      await shot(page, 'capture-zh-375-done');

      // The case is on the courier's workbench, with its photo.
      await page.getByRole('button', { name: '前往我的工作台' }).click();
      await page.getByText('客户说送来的牛奶已过期两天').first().click();
      await page.getByTestId('captured-details').locator('img').waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('[data-testid=captured-details] img')].every((i) => i.complete && i.naturalWidth > 0));
      await shot(page, 'case-drawer-zh-375');
      await page.keyboard.press('Escape');

      await page.goto('/support');
      await page.getByTestId('privacy-note').waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await page.getByText('聊一聊').first().click();
      await pick(page, 'supporter-select', '陈', /陈思远/);
      await page.getByPlaceholder('只有你和你选择的人能看到').fill('今天连着两单被投诉，想找店长聊几分钟。');
      await page.getByTestId('support-send').click();
      await page.getByTestId('support-requester').getByText('今天连着两单被投诉').waitFor();
      await shot(page, 'support-zh-375');
    });
    await context.close();

    const en = await open(COURIER, 'en-US', { width: 375, height: 812 });
    await run(en.page, 'courier-en', async () => {
      await en.page.goto('/capture');
      await en.page.getByText('What happened').waitFor();
      expect(await fitsWidth(en.page)).toBe(true);
      await shot(en.page, 'capture-en-375');
      await en.page.goto('/support');
      await en.page.getByText('What is stored and who sees it').waitFor();
      await en.page.getByTestId('support-requester').waitFor();
      await shot(en.page, 'support-en-375');
    });
    await en.context.close();
    expect(problems).toEqual([]);
  }, 180_000);

  it('a store manager claims a case from the queue and reads the team’s case load', async () => {
    for (const [locale, suffix] of [['zh-CN', 'zh'], ['en-US', 'en']] as const) {
      const { context, page } = await open(STORE_MANAGER, locale, { width: 1440, height: 1000 });
      await run(page, `manager-${suffix}`, async () => {
        await page.goto('/workbench');
        await page.getByRole('tab', { name: suffix === 'zh' ? '待认领' : 'Waiting to be claimed' }).click();
        const claim = page.locator('[data-testid^=claim-]').first();
        await claim.waitFor();
        await shot(page, `queue-${suffix}`);
        const before = await page.locator('[data-testid^=claim-]').count();
        await claim.click();
        await page.getByText(suffix === 'zh' ? '已认领' : 'Claimed:').first().waitFor();
        await expect.poll(() => page.locator('[data-testid^=claim-]').count()).toBe(before - 1);

        await page.goto('/support');
        await page.getByTestId('case-load').locator('.ant-table-row').first().waitFor();
        // The courier's request from the first test is asked of this manager.
        await page.getByRole('tab', { name: suffix === 'zh' ? /向我求助/ : /Asked of me/ }).click();
        await page.getByTestId('support-supporter').getByText('今天连着两单被投诉').waitFor();
        const units = page.getByTestId('support-units');
        await units.getByText(suffix === 'zh' ? '徐汇配送组' : 'Xuhui Delivery Team').waitFor();
        expect(await units.locator('.ant-table-row').filter({ hasText: suffix === 'zh' ? '徐汇配送组' : 'Xuhui Delivery Team' }).innerText()).toMatch(/\b6\b/);
        await shot(page, `support-manager-${suffix}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
