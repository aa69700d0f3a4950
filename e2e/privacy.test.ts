import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectBrowserProblems, DEMO_ADMIN } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/privacy-shots';

// The privacy page in headless Chromium against the demo organisation, as its administrator, in both languages:
// the demo's past export and erasure in the history, a customer found by external ID, what is held about them,
// the export downloaded, the erasure behind its typed word, the retention limits saved; a manager has no way in.
describe('privacy in a real browser', () => {
  const demo = demoInBrowser(SHOTS);
  const problems: string[] = [];

  /** The input a test id names: antd puts it on the <input> itself or on a wrapper around it. */
  const inputOf = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  async function logIn(page: Page, email: string) {
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  for (const [locale, suffix, externalId] of [
    ['zh-CN', 'zh', 'DEMO-C000007'],
    ['en-US', 'en', 'DEMO-C000011'],
  ] as const) {
    it(`an administrator exports and erases a customer and sets retention (${suffix})`, async () => {
      const context = await demo.browser.newContext({ baseURL: demo.server.baseUrl, locale, viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      collectBrowserProblems(page, problems);
      const zh = suffix === 'zh';
      try {
        await logIn(page, DEMO_ADMIN.email);
        await page.getByRole('menuitem', { name: zh ? '隐私' : 'Privacy' }).click();
        await page.waitForURL('**/settings/privacy');
        const history = page.getByTestId('privacy-history');
        await history.getByText(zh ? '删除' : 'Erasure', { exact: true }).first().waitFor();
        expect(await history.getByText(zh ? '导出' : 'Export', { exact: true }).count()).toBeGreaterThanOrEqual(1);
        expect(await inputOf(page, 'retention-responsesMonths').inputValue()).toBe('36');
        await page.waitForTimeout(300);
        await shot(page, `page-${suffix}`);

        await inputOf(page, 'privacy-search').fill(externalId);
        await page.getByRole('button', { name: zh ? /^查\s*找$/ : 'Find' }).click();
        const match = page.getByTestId('privacy-match').first();
        await match.waitFor();
        const name = (await match.innerText()).trim();
        await match.click();
        const held = page.getByTestId('privacy-held');
        await held.waitFor();
        expect(Number(await page.getByTestId('held-interactions').innerText())).toBeGreaterThan(0);
        expect(Number(await page.getByTestId('held-responses').innerText())).toBeGreaterThan(0);
        await shot(page, `held-${suffix}`);

        const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('privacy-export').click()]);
        const file = path.join(SHOTS, `export-${suffix}.json`);
        await download.saveAs(file);
        const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
        expect(exported.customer).toMatchObject({ name, external_id: externalId });
        expect(exported.responses.length).toBeGreaterThan(0);

        await page.getByTestId('privacy-erase').click();
        const dialog = page.getByRole('dialog');
        await dialog.waitFor();
        expect(await page.locator('#privacy-erase-confirm').isDisabled()).toBe(true);
        await page.getByTestId('erase-word').fill(zh ? '删除' : 'ERASE');
        await page.waitForTimeout(300);
        await shot(page, `erase-dialog-${suffix}`);
        await page.locator('#privacy-erase-confirm').click();
        await page.getByText(zh ? `已删除 ${name}` : `${name} was erased`).waitFor();
        await dialog.waitFor({ state: 'hidden' });
        await history.getByText(exported.customer.id).first().waitFor();

        // Gone: the same external ID finds no one.
        await inputOf(page, 'privacy-search').fill(externalId);
        await page.getByRole('button', { name: zh ? /^查\s*找$/ : 'Find' }).click();
        await page.getByText(zh ? `没有与“${externalId}”匹配的客户` : `No customer matches “${externalId}”`).waitFor();

        await inputOf(page, 'retention-messagesMonths').fill(zh ? '12' : '18');
        await page.getByTestId('retention-save').click();
        await page.getByText(zh ? '已保存，下次每日任务运行时生效。' : 'Retention saved. The next daily run applies it.').waitFor();
        await history.getByText(zh ? '变更保留期限' : 'Retention changed').first().waitFor();
        await page.waitForTimeout(400);
        await shot(page, `after-${suffix}`);
      } catch (error) {
        await shot(page, `failure-${suffix}`);
        throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}\nserver: ${demo.server.output().slice(-3000)}`);
      }
      await context.close();
      expect(problems, problems.join('\n')).toEqual([]);
    }, 180_000);
  }

  it('a manager finds no privacy entry and the page tells them it is for administrators', async () => {
    const context = await demo.browser.newContext({ baseURL: demo.server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    await logIn(page, 'xuhui.manager@demo.lodestar.local');
    expect(await page.getByRole('menuitem', { name: '隐私' }).count()).toBe(0);
    await page.goto('/settings/privacy');
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('no-access').innerText()).toContain('管理员');
    expect(await page.locator('.privacy-page').count()).toBe(0);
    await shot(page, 'manager-zh');
    await context.close();
  }, 60_000);
});
