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

const EAST_MANAGER = 'east.manager@demo.lodestar.local';
const CLERK = 'wang.fang@demo.lodestar.local';
/** The demo's East China region and everything below it (the east manager's data scope). */
const EAST_SUBTREE = ['华东大区', '上海徐汇门店', '上海浦东门店', '杭州西湖门店', '徐汇配送组', '浦东配送组'];
const DEMO_SURVEY = '服务体验回访 / Service follow-up';

// The responses list and detail against the demo organisation, in headless Chromium: an admin filters
// by survey, unit and NPS group through the address, opens a response with its customer, interaction
// and employee, in both languages; a manager sees only their subtree; a clerk does not get the page.
describe('responses page in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  const browserProblems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const baseDatabaseUrl = process.env.DATABASE_URL;
    if (baseDatabaseUrl) database = await createThrowawayDatabase(baseDatabaseUrl);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // 401 before login, 404 when the manager opens a response outside their subtree (expected).
      if (message.type() === 'error' && !/^Failed to load resource: .* status of (401|404)\b/.test(message.text())) {
        browserProblems.push(`console: ${message.text()}`);
      }
    });
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  const shot = async (name: string, fullPage = true) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `responses-${name}.png`), animations: 'disabled', fullPage });
  };
  const table = () => page.getByTestId('responses-table');
  const rows = () => table().locator('tbody tr.responses-table__row');
  /** The text of one column (0-based) in every row shown. */
  const column = (index: number) => rows().evaluateAll((trs, i) => trs.map((tr) => tr.querySelectorAll('td')[i]?.textContent ?? ''), index);
  const waitForRows = async () => {
    await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' }).catch(() => undefined);
    await rows().first().waitFor();
  };
  /** Picks an option of an antd Select or TreeSelect by its visible title. */
  const pick = async (testId: string, title: string) => {
    await page.getByTestId(testId).click();
    const option = page.locator(`.ant-select-dropdown:visible [title="${title}"]`).first();
    await option.click();
    await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' }).catch(() => undefined);
  };
  const logIn = async (email: string) => {
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login')); // each role's own home page
    await page.locator('.ant-menu-item').first().waitFor();
  };
  const logOut = async () => {
    await context.clearCookies();
  };

  it('lists, filters, opens a detail, in both languages, and honours each role’s data scope', async () => {
    try {
      await walkThrough();
    } catch (error) {
      await shot('failure');
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${browserProblems.join("\n")}`);
    }
    expect(browserProblems).toEqual([]);
  }, 240_000);

  async function walkThrough() {
    await logIn(DEMO_ADMIN.email);

    // The Listen group leads to the list: newest first, 50 at a time, with coloured score tags.
    for (let attempt = 0; attempt < 3 && !new URL(page.url()).pathname.startsWith('/responses'); attempt++) {
      await page.getByRole('menuitem', { name: '答卷' }).click();
      await page.waitForURL(/\/responses$/, { timeout: 5_000 }).catch(() => undefined);
    }
    await waitForRows();
    expect(new URL(page.url()).pathname).toBe('/responses');
    expect(await rows().count()).toBe(50);
    expect(await page.getByTestId('responses-count').textContent()).toBe('已显示 50 条');
    const times = await rows().evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent ?? ''));
    expect(times.every(Boolean)).toBe(true);
    expect(await table().locator('.score-tag').first().textContent()).toMatch(/^NPS \d+$/);
    await page.getByTestId('responses-load-more').click();
    await expect.poll(() => rows().count()).toBe(100);
    await shot('list-zh', false);

    // Survey and unit filters go to the address; every row then belongs to the unit's subtree.
    await pick('filter-survey', DEMO_SURVEY);
    await page.waitForURL(/[?&]survey=[0-9a-f-]{36}/);
    await pick('filter-unit', '上海浦东门店');
    await page.waitForURL(/[?&]unit=[0-9a-f-]{36}/);
    await waitForRows();
    await expect.poll(async () => [...new Set(await column(5))].sort()).toEqual(['上海浦东门店', '浦东配送组']);
    expect(new Set(await column(1))).toEqual(new Set([DEMO_SURVEY]));

    // The NPS group filter: detractors only, every NPS tag red.
    await pick('filter-band', '贬损者（0–6）');
    await page.waitForURL(/[?&]band=detractor/);
    await expect
      .poll(async () => [...new Set(await table().locator('.score-tag').filter({ hasText: 'NPS' }).evaluateAll((tags) => tags.map((t) => t.getAttribute('data-band'))))])
      .toEqual(['low']);
    await shot('filtered-zh', false);

    // A link reproduces the view: reload and the filters and rows are the same.
    const filteredUrl = page.url();
    const before = await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')));
    await page.reload();
    await waitForRows();
    expect(await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-row-key')))).toEqual(before);
    expect(await page.getByTestId('filter-unit').textContent()).toContain('上海浦东门店');
    expect(await page.getByTestId('filter-band').textContent()).toContain('贬损者');

    // A row opens the drawer at /responses/:id, filters kept: customer, interaction, employee, answers.
    await rows().first().click();
    await page.waitForURL(/\/responses\/[0-9a-f-]{36}\?.*unit=/);
    const pudongResponse = new URL(page.url()).pathname;
    const drawer = page.getByTestId('response-detail');
    await drawer.waitFor();
    const customer = page.getByTestId('section-customer');
    expect(await customer.textContent()).toMatch(/客户编号DEMO-C\d{6}/);
    expect(await customer.textContent()).toMatch(/客户分层(普通|银卡|金卡)/);
    const interaction = page.getByTestId('section-interaction');
    expect(await interaction.textContent()).toMatch(/类型(购买|配送|咨询|下单)/);
    expect(await interaction.textContent()).toContain('首次解决');
    const employee = page.getByTestId('section-employee');
    expect(await employee.textContent()).toMatch(/组织(上海浦东门店|浦东配送组)/);
    const answers = page.getByTestId('section-answers');
    expect(await answers.textContent()).toContain('您有多大可能向朋友推荐星辰零售？');
    expect(await answers.textContent()).toContain('How likely are you to recommend Xingchen Retail to a friend?');
    expect(await page.getByTestId('answer-nps').locator('.score-tag').getAttribute('data-band')).toBe('low');
    await page.waitForTimeout(400);
    await shot('detail-zh', false);
    await answers.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'responses-detail-answers-zh.png'), animations: 'disabled' });

    // Closing returns to the filtered list.
    await page.getByRole('button', { name: '关闭' }).click();
    await page.waitForURL((url) => url.pathname === '/responses' && url.search.includes('band=detractor'));
    await page.getByTestId('response-detail').waitFor({ state: 'detached' });

    // A filter nothing matches says so and offers to clear.
    await page.goto(`${filteredUrl.replace(/band=detractor/, 'band=promoter')}&touchpoint=no_such_touchpoint`);
    await page.getByText('没有符合筛选条件的答卷').waitFor();
    await page.getByRole('button', { name: '清除筛选' }).first().click();
    await page.waitForURL((url) => url.pathname === '/responses' && url.search === '');
    await waitForRows();

    // English: the same page and drawer in the other language.
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Responses' }).waitFor();
    await pick('filter-unit', 'Shanghai Xuhui Store');
    await page.waitForURL(/[?&]unit=[0-9a-f-]{36}/);
    await expect.poll(async () => [...new Set(await column(5))].sort()).toEqual(['Shanghai Xuhui Store', 'Xuhui Delivery Team']);
    await shot('list-en', false);
    await rows().first().click();
    await page.getByTestId('section-customer').getByText('Customer ID').waitFor();
    expect(await page.getByTestId('section-answers').textContent()).toContain('How likely are you to recommend Xingchen Retail to a friend?');
    expect(await page.getByTestId('section-interaction').textContent()).toContain('Resolved at first contact');
    await page.waitForTimeout(400);
    await shot('detail-en', false);
    await page.keyboard.press('Escape');
    await page.getByTestId('response-detail').waitFor({ state: 'detached' });
    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
    await logOut();

    // The east manager: a note about their scope, only East China units in the rows and the unit filter.
    await logIn(EAST_MANAGER);
    await page.goto('/responses');
    await page.getByText('您看到的是关于本部门及下级部门的答卷').waitFor();
    await waitForRows();
    await page.getByTestId('responses-load-more').click();
    await expect.poll(() => rows().count()).toBe(100);
    const managerUnits = new Set(await column(5));
    expect([...managerUnits].every((u) => EAST_SUBTREE.includes(u)), [...managerUnits].join(',')).toBe(true);
    await page.getByTestId('filter-unit').click();
    const treeTitles = page.locator('.ant-select-dropdown:visible .ant-select-tree-title');
    await expect.poll(async () => (await treeTitles.allTextContents()).sort()).toEqual([...EAST_SUBTREE].sort());
    await page.keyboard.press('Escape');
    await shot('manager-zh', false);

    // Their own subtree's response opens; one from the South region answers "not found", not an error page.
    await page.goto(pudongResponse);
    await page.getByTestId('section-employee').waitFor();
    await logOut();
    await logIn(DEMO_ADMIN.email);
    await page.goto('/responses');
    await pick('filter-unit', '深圳南山门店');
    await waitForRows();
    await rows().first().click();
    await page.waitForURL(/\/responses\/[0-9a-f-]{36}/);
    const southResponse = new URL(page.url()).pathname;
    await logOut();
    await logIn(EAST_MANAGER);
    await page.goto(southResponse);
    await page.getByTestId('response-not-found').waitFor();
    await page.waitForTimeout(400);
    await shot('manager-out-of-scope-zh', false);
    await logOut();

    // Responses are not part of a clerk's work (their own customers' feedback is on their dashboard): the address
    // shows the kind no-access page, and no response is fetched for them.
    await logIn(CLERK);
    await page.goto('/responses');
    await page.getByTestId('no-access').waitFor();
    await shot('employee-zh', false);
  }
});
