import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectBrowserProblems, DEMO_ADMIN } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/shots/governance';
const XUHUI_MANAGER = 'xuhui.manager@demo.lodestar.local';
const EMPLOYEE = 'wang.fang@demo.lodestar.local';
const LOCALES = [
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const;
const TEXT = {
  zh: { committee: '体验管理委员会', listening: '高管倾听', add: '加入议程', added: '已在议程中', log: '记录', rotation: '轮值计划', coverage: '覆盖情况', overdue: '已逾期' },
  en: { committee: 'Experience committee', listening: 'Executive listening', add: 'Add to agenda', added: 'On the agenda', log: 'Log', rotation: 'Rotation plan', coverage: 'Coverage', overdue: 'Overdue' },
};

// The experience committee and executive listening in headless Chromium against the demo organisation: the admin
// takes a customer-voice suggestion onto the next meeting's agenda and walks the listening tabs in both languages;
// the Xuhui store manager sees the overdue call on the workbench, reads the committee and logs the call; an
// employee without a governance role gets neither menu entry nor page.
describe('committee and executive listening in a real browser', () => {
  const demo = demoInBrowser(SHOTS);
  const problems: string[] = [];

  async function open(locale: string, watch = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await demo.browser.newContext({ baseURL: demo.server.baseUrl, locale, timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    if (watch) collectBrowserProblems(page, problems);
    return { context, page };
  }
  const shot = async (page: Page, name: string) => {
    await page.waitForTimeout(600); // tab panes and tables fade in
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  // Signs in through the API (the login page is another feature's and has its own browser test); the session cookie
  // lands in the page's context.
  const logIn = async (page: Page, email: string) => {
    const login = await page.context().request.post('/api/v1/auth/login', { data: { email, password: DEMO_ADMIN.password, org: DEMO_ADMIN.org } });
    expect(login.status()).toBe(200);
    await page.goto('/workbench');
    await page.getByRole('menu').first().waitFor();
  };
  const run = async (page: Page, name: string, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, `failure-${name}`);
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };
  const openNextMeeting = async (page: Page) => {
    // The meetings table comes before the open decisions and lists the newest first: the meeting ahead.
    const link = page.locator('a[href*="/governance/committee/meetings/"]').first();
    await link.waitFor();
    await link.click();
    await page.waitForURL('**/governance/committee/meetings/**');
    await page.getByTestId('customer-voice').locator('.governance-voice__quote').first().waitFor();
  };

  it('an administrator takes the customer voice onto the agenda and walks listening, in Chinese and English', async () => {
    for (const [locale, lang] of LOCALES) {
      const { context, page } = await open(locale);
      const words = TEXT[lang];
      await run(page, `admin-${lang}`, async () => {
        await logIn(page, DEMO_ADMIN.email);
        await page.getByRole('menuitem', { name: words.committee }).click();
        await page.waitForURL('**/governance/committee');
        await page.getByText('郭振华').first().waitFor();
        await shot(page, `admin-committee-${lang}`);

        await openNextMeeting(page);
        const voice = page.getByTestId('customer-voice');
        const before = await page.locator('.ant-list-item').count();
        // Chinese takes the first suggestion, English the next one still off the agenda.
        await voice.getByRole('button', { name: words.add }).first().click();
        await voice.getByRole('button', { name: words.added }).nth(lang === 'zh' ? 0 : 1).waitFor();
        await expect.poll(() => page.locator('.ant-list-item').count()).toBe(before + 1);
        await shot(page, `admin-meeting-${lang}`);

        await page.getByRole('menuitem', { name: words.listening }).click();
        await page.waitForURL('**/governance/listening');
        await page.locator('[data-testid="held-session"]').first().waitFor();
        await page.getByText(words.overdue).first().waitFor();
        await shot(page, `admin-sessions-${lang}`);
        await page.getByRole('tab', { name: words.rotation }).click();
        await page.getByRole('tabpanel', { name: words.rotation }).getByText('郭振华').first().waitFor();
        await shot(page, `admin-rotation-${lang}`);
        await page.getByRole('tab', { name: words.coverage }).click();
        await page.getByRole('tabpanel', { name: words.coverage }).getByText('何静', { exact: true }).waitFor();
        await shot(page, `admin-coverage-${lang}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('a store manager sees the overdue call on the workbench, reads the committee and logs the call', async () => {
    for (const [locale, lang] of LOCALES) {
      const { context, page } = await open(locale);
      const words = TEXT[lang];
      await run(page, `manager-${lang}`, async () => {
        await logIn(page, XUHUI_MANAGER);
        await page.goto('/workbench');
        const due = page.getByTestId('listening-due');
        if (lang === 'zh') {
          await due.waitFor();
          await shot(page, 'manager-workbench-zh');
        }
        await page.getByRole('menuitem', { name: words.committee }).click();
        await page.getByText('郭振华').first().waitFor();
        expect(await page.getByRole('button', { name: lang === 'zh' ? '新建会议' : 'New meeting' }).count()).toBe(0);
        await shot(page, `manager-committee-${lang}`);
        await openNextMeeting(page);
        expect(await page.getByRole('button', { name: words.add }).count()).toBe(0);
        await shot(page, `manager-meeting-${lang}`);

        await page.getByRole('menuitem', { name: words.listening }).click();
        await page.waitForURL('**/governance/listening');
        if (lang === 'zh') {
          // The overdue call: log it, linking the idea it led to.
          const row = page.locator('.governance-row--overdue').first();
          await row.getByRole('button', { name: words.log }).click();
          const dialog = page.getByRole('dialog');
          await dialog.locator('textarea').fill('回访了两位雨天配送被投诉的客户，他们希望提前一小时收到短信。');
          await dialog.locator('.ant-select').first().click();
          await page.locator('.ant-select-dropdown .ant-select-item-option').first().click();
          await dialog.locator('.ant-modal-title').click(); // closes the picker's dropdown
          // antd spaces out two-character Chinese labels (保 存): the footer's primary button is the save.
          await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
          await dialog.waitFor({ state: 'hidden' });
          await page.getByText('回访了两位雨天配送被投诉的客户').waitFor();
          await page.goto('/workbench');
          await page.getByRole('heading').first().waitFor();
          await page.waitForTimeout(800);
          // Still due by cadence? The call was logged now, so the banner is gone.
          expect(await page.getByTestId('listening-due').count()).toBe(0);
          await page.goto('/governance/listening');
        }
        await page.locator('[data-testid="held-session"]').first().waitFor();
        await shot(page, `manager-sessions-${lang}`);
        await page.getByRole('tab', { name: words.coverage }).click();
        await page.getByRole('tabpanel', { name: words.coverage }).getByText('陈思远', { exact: true }).waitFor();
        await shot(page, `manager-coverage-${lang}`);
      });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('an employee sees neither the menu entries nor the pages', async () => {
    // The pages are not opened for an employee at all, so nothing is refused and the page is watched for errors.
    const { context, page } = await open('zh-CN');
    await run(page, 'employee', async () => {
      await logIn(page, EMPLOYEE);
      await page.getByRole('menuitem', { name: '工作台' }).waitFor();
      expect(await page.getByRole('menuitem', { name: TEXT.zh.committee }).count()).toBe(0);
      await page.goto('/governance/committee');
      await page.getByTestId('no-access').getByText('此页面不在您的角色范围内').waitFor();
      await shot(page, 'employee-refused-zh');
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
