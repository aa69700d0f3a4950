import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, SCREENSHOT_DIR, createThrowawayDatabase, ensureWebBuild, launchChromium, startServer, type RunningServer, type ThrowawayDatabase } from './helpers.ts';

const EAST_MANAGER = 'east.manager@demo.lodestar.local';
const CLERK = 'wang.fang@demo.lodestar.local';
/** The east manager's data scope: the East China region and everything below it. */
const EAST_SUBTREE = ['华东大区', '上海徐汇门店', '上海浦东门店', '杭州西湖门店', '徐汇配送组', '浦东配送组'];
/** Names of people in the demo: none may appear on a public board. */
const PEOPLE = ['林晓雯', '周建国', '陈思远', '王芳', '张伟', '赵敏', '郑浩'];

// Dashboards against the demo organisation in headless Chromium: the executive dashboard draws every chart
// from real data and exports; the metric tree lists the seeded KPIs and goals; a manager's unit dashboard
// offers only their subtree; an employee sees their own figures; a public board with the mystery-shopping score
// opens on a 1920×1080 screen in a fresh context without login, shows no person, and stops working once revoked.
describe('dashboards in a real browser', () => {
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

  async function open(opts: { locale?: string; width?: number; height?: number } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, locale: opts.locale ?? 'zh-CN', viewport: { width: opts.width ?? 1440, height: opts.height ?? 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (m) => {
      // 401 before login and 404 for the revoked board are expected.
      if (m.type() === 'error' && !/^Failed to load resource: .* status of (401|404)\b/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    return { context, page };
  }
  const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `dashboards-${name}.png`), animations: 'disabled', fullPage });
  const logIn = async (page: Page, email: string) => {
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  };
  /** Waits until a chart card draws a canvas (not the empty state). */
  const chartDrawn = async (page: Page, testId: string) => {
    await page.getByTestId(testId).locator('canvas').first().waitFor();
    expect(await page.getByTestId(testId).locator('.ant-empty').count(), testId).toBe(0);
  };
  const run = async (page: Page, steps: () => Promise<void>) => {
    try {
      await steps();
    } catch (error) {
      await shot(page, 'failure');
      throw new Error(`${(error as Error).stack}\nat ${page.url()}\nbrowser: ${problems.join('\n')}`);
    }
  };

  let boardPath = '';

  it('executive dashboard: charts from the demo data, significance, exports', async () => {
    const { context, page } = await open();
    await run(page, async () => {
      await logIn(page, DEMO_ADMIN.email);
      await page.goto('/dashboards/executive');
      for (const id of ['chart-nps-trend', 'chart-nps-by-unit', 'chart-drivers', 'chart-xo', 'chart-topics']) await chartDrawn(page, id);
      await expect.poll(() => page.getByTestId('headline-nps').locator('.ant-statistic-content').textContent()).toMatch(/^-?\d+\.\d$/);
      for (const m of ['nps', 'csat', 'ces', 'fcr']) expect(await page.getByTestId(`headline-${m}-significance`).textContent()).toMatch(/^(显著|不显著)$/);
      expect(await page.getByTestId('goals-card').getByTestId('goal').count()).toBeGreaterThanOrEqual(3);
      await page.waitForTimeout(800); // chart animations
      await shot(page, 'executive-zh');

      // The NPS-by-unit data as CSV: a BOM, the header and one row per unit.
      await page.getByTestId('chart-nps-by-unit-export').click();
      const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('.ant-dropdown:visible .ant-dropdown-menu-item:not(.ant-dropdown-menu-item-disabled)').getByText('数据导出为 CSV').click()]);
      const text = fs.readFileSync((await csv.path())!, 'utf8');
      expect(text.startsWith('\uFEFF单位,NPS,n\r\n')).toBe(true);
      expect(text).toContain('上海徐汇门店,');
      // And the chart as PNG (once the first menu has closed).
      await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
      await page.getByTestId('chart-nps-trend-export').click();
      const [png] = await Promise.all([page.waitForEvent('download'), page.locator('.ant-dropdown:visible .ant-dropdown-menu-item:not(.ant-dropdown-menu-item-disabled)').getByText('图表导出为 PNG').click()]);
      expect(fs.readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');

      // The metric tree with the seeded KPIs and goals, and an XLSX export.
      await page.goto('/dashboards/metric-tree');
      await page.getByTestId('kpi-tree').getByText('公司净推荐值').waitFor();
      await page.getByTestId('kpi-tree').getByText('前台服务话术合规率').waitFor();
      await page.getByTestId('kpi-tree').getByText('徐汇门店神秘顾客得分').waitFor();
      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kpi-export-xlsx').click()]);
      expect(fs.readFileSync((await xlsx.path())!).subarray(0, 2).toString()).toBe('PK');
      await shot(page, 'metric-tree-zh');

      // A public board for the head-office screen, with the mystery-shopping score after the usual three: its link is shown once.
      await page.goto('/dashboards/boards');
      await page.getByTestId('board-new').click();
      await page.locator('.ant-modal input').first().fill('总部大厅大屏');
      await page.getByTestId('board-metrics').click();
      await page.keyboard.type('神秘顾客'); // the list is virtual: the eleventh metric is found by typing, not scrolled to
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '神秘顾客得分' }).click();
      await page.locator('.ant-modal-title').click(); // closes the option list
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      const link = (await page.getByTestId('board-link').textContent())!.trim();
      boardPath = new URL(link).pathname;
      expect(boardPath).toMatch(/^\/board\/[A-Za-z0-9_-]{24}$/);
      await page.locator('.ant-table').getByText('神秘顾客得分（%）').waitFor();
      await shot(page, 'boards-zh', false);
      // Its settings open with what it shows and save without a new link.
      await page.getByTestId('board-edit').first().click();
      await page.locator('.ant-modal').getByTestId('board-metrics').getByText('神秘顾客得分（%）').waitFor();
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.getByText('看板已保存').waitFor();
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 240_000);

  it('public board: a fresh browser without login on a 1920×1080 screen, no personal data, 404 once revoked', async () => {
    const { context, page } = await open({ width: 1920, height: 1080 });
    await run(page, async () => {
      await page.goto(boardPath);
      await page.getByTestId('public-board').waitFor();
      // The regions; the customer-experience office has no answers of its own and is left out.
      expect(await page.getByTestId('board-team').count()).toBe(2);
      const body = await page.locator('body').innerText();
      expect(body).toContain('华东大区');
      for (const name of PEOPLE) expect(body).not.toContain(name);
      expect(await page.locator('.board-figure--hero .board-figure__value').first().textContent()).toMatch(/^-?\d+$/);
      // The mystery-shopping score: a percentage over the demo's visits of the last 30 days, beside the survey scores.
      const audit = page.locator('.board__hero').getByTestId('board-audit_score');
      expect(await audit.locator('.board-figure__label').textContent()).toBe('神秘顾客得分');
      expect(await audit.locator('.board-figure__value').textContent()).toMatch(/^\d{1,3}\.\d%$/);
      expect(await audit.locator('.board-figure__n').textContent()).toMatch(/^\d+ 次检查$/);
      expect(await page.getByTestId('board-team').first().getByTestId('board-audit_score').count()).toBe(1);
      await shot(page, 'public-board-tv', false);
      await page.goto(`${boardPath}?lang=en`);
      await page.getByText('Satisfaction (CSAT)').first().waitFor();
      await page.getByText('Mystery-shopping score').first().waitFor();
      await shot(page, 'public-board-tv-en', false);
    });
    // The admin revokes it; the screen then says the link is no longer valid.
    const admin = await open();
    await run(admin.page, async () => {
      await logIn(admin.page, DEMO_ADMIN.email);
      await admin.page.goto('/dashboards/boards');
      await admin.page.locator('.ant-table .ant-btn-dangerous').first().click(); // antd spaces two-character labels (停 用)
      await admin.page.locator('.ant-popconfirm .ant-btn-primary').click();
      await admin.page.getByText('已停用').waitFor();
    });
    await admin.context.close();
    await run(page, async () => {
      await page.goto(boardPath);
      await page.getByTestId('board-gone').waitFor();
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('unit dashboard: a manager picks only within their subtree', async () => {
    const { context, page } = await open({ locale: 'en-US' });
    await run(page, async () => {
      await page.addInitScript(() => localStorage.setItem('lodestar.language', 'zh-CN'));
      await logIn(page, EAST_MANAGER);
      await page.goto('/dashboards/unit');
      await page.getByTestId('scorecard').waitFor();
      await chartDrawn(page, 'chart-nps-by-unit');
      await page.getByTestId('unit-select').click();
      const titles = await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').allTextContents();
      expect(titles.sort()).toEqual([...EAST_SUBTREE].sort());
      await page.locator('.ant-select-dropdown:visible').getByTitle('上海徐汇门店').click();
      await page.waitForURL(/[?&]unit=[0-9a-f-]{36}/);
      await expect.poll(() => page.getByTestId('scorecard-score').textContent()).toMatch(/^\d+\.\d$/);
      await page.waitForTimeout(800);
      await shot(page, 'unit-manager-zh');
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('personal dashboard: an employee’s own figures, in English', async () => {
    const { context, page } = await open({ locale: 'en-US' });
    await run(page, async () => {
      await page.addInitScript(() => localStorage.setItem('lodestar.language', 'en'));
      await logIn(page, CLERK);
      await page.goto('/dashboards/personal');
      await chartDrawn(page, 'chart-my-sentiment');
      await chartDrawn(page, 'chart-my-nps');
      await expect.poll(() => page.getByTestId('headline-open-cases').locator('.ant-statistic-content').textContent()).toMatch(/^\d+$/);
      await page.waitForTimeout(800);
      await shot(page, 'personal-en');
    });
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
