import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectBrowserProblems, DEMO_ADMIN, logInToDemo } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/shots/learning';
const EMPLOYEE = 'wang.fang@demo.lodestar.local';
const STORE_MANAGER = 'xuhui.manager@demo.lodestar.local';
const LOCALES = [
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const;

// Capability building in headless Chromium on the demo organisation: an employee reads My learning and declares an
// item; her store manager confirms it and reads coverage (table and chart); the administrator opens the "how to
// read this" explainers on the executive dashboard. Screenshots in Chinese and English after the charts' animations.
describe('learning in a real browser', () => {
  const demo = demoInBrowser(SHOTS);
  const problems: string[] = [];

  async function open(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({ baseURL: demo.server.baseUrl, locale, viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    collectBrowserProblems(page, problems);
    return { context, page };
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };
  const menuLabels = (page: Page) => page.locator('.ant-menu-item').allInnerTexts();

  it('an employee sees her learning, only the pages she may use, and declares an item', async () => {
    for (const [locale, lang] of LOCALES) {
      const { context, page } = await open(locale);
      await run(page, `employee-${lang}`, async () => {
        await logInToDemo(page, EMPLOYEE);
        await page.locator('.ant-menu-item').first().waitFor();
        const menu = await menuLabels(page);
        expect(menu).toEqual(expect.arrayContaining(lang === 'zh' ? ['我的学习', '学习目录'] : ['My learning', 'Learning catalogue']));
        expect(menu).not.toContain(lang === 'zh' ? '覆盖情况' : 'Coverage');
        expect(menu).not.toContain(lang === 'zh' ? '学习指派' : 'Assignments');
        await page.getByRole('menuitem', { name: lang === 'zh' ? '我的学习' : 'My learning' }).click();
        await page.waitForURL('**/learning/me');
        await page.getByTestId('learning-entry-overdue').first().waitFor();
        // Every state; the Chinese pass declares the one left to do, so the English pass sees it awaiting confirmation.
        const states = lang === 'zh' ? ['overdue', 'to_do', 'declared', 'confirmed'] : ['overdue', 'declared', 'confirmed'];
        for (const state of states) expect(await page.getByTestId(`learning-entry-${state}`).count()).toBeGreaterThan(0);
        await shot(page, `employee-my-learning-${lang}`);
        if (lang === 'zh') {
          // Declare the role-play (still to do): it moves to "awaiting confirmation".
          const card = page.getByTestId('learning-entry-to_do').filter({ hasText: '客户旅程角色扮演' });
          await card.getByTestId('learning-declare').click();
          await page.getByTestId('declare-evidence').fill('和李娜两人一组完成了一次完整旅程演练');
          await shot(page, 'employee-declare-zh');
          await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click();
          await page.getByTestId('learning-entry-declared').filter({ hasText: '客户旅程角色扮演' }).waitFor();
          const mine = (await (await page.request.get('/api/v1/learning/me')).json()) as { items: Array<{ item: { name: { 'zh-CN': string } }; status: string; completion: { evidence: string } | null }> };
          const declared = mine.items.find((e) => e.item.name['zh-CN'] === '客户旅程角色扮演')!;
          expect(declared).toMatchObject({ status: 'declared', completion: { evidence: '和李娜两人一组完成了一次完整旅程演练' } });
        }
        await page.getByRole('menuitem', { name: lang === 'zh' ? '学习目录' : 'Learning catalogue' }).click();
        await page.getByTestId('catalogue-item').first().waitFor();
        for (const layer of ['all_staff', 'specialist', 'manager']) await page.getByTestId(`catalogue-layer-${layer}`).waitFor();
        await shot(page, `employee-catalogue-${lang}`);
        // A page she may not use says so, and the API refuses coverage.
        expect((await page.request.get('/api/v1/learning/coverage')).status()).toBe(403);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('a store manager confirms the declaration and reads coverage for their store', async () => {
    for (const [locale, lang] of LOCALES) {
      const { context, page } = await open(locale);
      await run(page, `manager-${lang}`, async () => {
        await logInToDemo(page, STORE_MANAGER);
        await page.goto('/learning/assignments');
        await page.getByTestId('assignments-table').locator('tbody tr.ant-table-row').first().waitFor();
        await page.getByTestId('learning-confirm-queue').waitFor();
        if (lang === 'zh') {
          const row = page.getByTestId('learning-confirm-queue').locator('tr').filter({ hasText: '客户旅程角色扮演' }).filter({ hasText: '王芳' });
          await row.getByTestId('learning-confirm').click();
          await row.waitFor({ state: 'detached' });
        }
        await shot(page, `manager-assignments-${lang}`);

        await page.goto('/learning/coverage');
        await page.getByTestId('coverage-chart').locator('canvas').first().waitFor();
        await page.waitForTimeout(1800); // the bars' animation
        const table = page.getByTestId('coverage-table');
        const units = await table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
        expect(units.map((u) => u.trim())).toEqual(lang === 'zh' ? ['上海徐汇门店', '徐汇配送组'] : ['Shanghai Xuhui Store', 'Xuhui Delivery Team']);
        await shot(page, `manager-coverage-${lang}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);

  it('an administrator reads the explainers on the executive dashboard and the organisation’s coverage', async () => {
    for (const [locale, lang] of LOCALES) {
      const { context, page } = await open(locale);
      await run(page, `admin-${lang}`, async () => {
        await logInToDemo(page, DEMO_ADMIN.email);
        await page.goto('/dashboards/executive');
        await page.getByTestId('chart-nps-trend').locator('canvas').first().waitFor();
        await page.waitForTimeout(1800);
        await page.getByTestId('explain-nps').click();
        const nps = page.getByTestId('explainer-nps');
        await nps.waitFor();
        expect(await nps.innerText()).toContain(lang === 'zh' ? '净推荐值 = 55 − 15 = 40' : 'NPS = 55 − 15 = 40');
        await page.waitForTimeout(400); // the popover fades in
        await shot(page, `admin-explainer-nps-${lang}`);
        await page.keyboard.press('Escape');
        await page.getByTestId('explain-marginOfError').click();
        await page.getByTestId('explainer-marginOfError').waitFor();
        await page.waitForTimeout(400); // the popover fades in
        await shot(page, `admin-explainer-margin-${lang}`);
        await page.getByTestId('explain-significance').first().click();
        await page.getByTestId('explainer-significance').waitFor();
        await page.waitForTimeout(400); // the popover fades in
        await shot(page, `admin-explainer-significance-${lang}`);

        await page.goto('/learning/coverage');
        await page.getByTestId('coverage-chart').locator('canvas').first().waitFor();
        await page.waitForTimeout(1800);
        await shot(page, `admin-coverage-${lang}`);

        // The culture results explain their index and % favourable the same way.
        const assessments = (await (await page.request.get('/api/v1/assessments')).json()) as { items: Array<{ id: string; status: string; templateKey: string }> };
        const closed = assessments.items.find((a) => a.status === 'closed' && a.templateKey === 'vision-culture')!;
        await page.goto(`/culture/${closed.id}`);
        await page.getByTestId('culture-heatmap').locator('table').waitFor();
        await page.getByTestId('culture-heatmap').getByTestId('explain-index').click();
        expect(await page.getByTestId('explainer-index').innerText()).toContain('62.5');
        await page.getByTestId('explain-favourable').first().click();
        expect(await page.getByTestId('explainer-favourable').innerText()).toContain(lang === 'zh' ? '70%' : '70 %');
        await page.waitForTimeout(1500);
        await shot(page, `admin-culture-explainer-${lang}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
