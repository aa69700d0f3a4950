import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

// The golden path of the organisation pages against the real server, in headless Chromium:
// log in, browse and extend the unit tree, switch language, positions, employees, 404, log out.
describe('web UI in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const browserProblems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const baseDatabaseUrl = process.env.DATABASE_URL;
    if (baseDatabaseUrl) database = await createThrowawayDatabase(baseDatabaseUrl);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 1360, height: 860 },
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // A 401 from /auth/me or a wrong password is expected; CSP violations and React errors are not.
      if (message.type() === 'error' && !/^Failed to load resource: .* status of 401\b/.test(message.text())) {
        browserProblems.push(`console: ${message.text()}`);
      }
    });
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
  const unitTree = () => page.getByTestId('unit-tree');
  const waitForText = (text: string, scope = page.locator('body')) =>
    scope.getByText(text, { exact: true }).first().waitFor();

  it('logs in, manages units, switches language, lists positions and employees', async () => {
    // Login page in Chinese (the browser says zh-CN); a wrong password shows the API's message.
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.locator('#email').fill(DEMO_ADMIN.email);
    await page.locator('#password').fill('not-the-password');
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    const loginError = page.getByTestId('login-error');
    await loginError.waitFor();
    expect(await loginError.textContent()).toContain('登录失败');
    await shot('login-error-zh');

    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('button[type=submit]').click();
    // An administrator's home is the executive dashboard; the unit tree is one menu entry away.
    await page.waitForURL(/\/dashboards\/executive/);
    await page.locator('.ant-menu').getByText('组织架构', { exact: true }).click();
    await page.waitForURL(/\/org\/units/);

    // The unit tree from the flat list, with the organisation's name in the header.
    await waitForText('星辰零售', unitTree());
    await waitForText('华东大区', unitTree());
    expect(await page.getByTestId('org-name').textContent()).toContain('星辰零售');
    await unitTree().getByText('上海徐汇门店', { exact: true }).click();
    const details = page.getByTestId('unit-details');
    await waitForText('Shanghai Xuhui Store', details);
    await page.locator('.ant-table-row').first().waitFor();
    await shot('units-zh');

    // An admin adds a child unit through the dialog (a POST with the CSRF header).
    await page.getByRole('button', { name: '添加下级单元' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('名称', { exact: true }).fill('徐汇夜班组');
    await dialog.getByLabel('英文名称', { exact: true }).fill('Xuhui Night Team');
    await shot('units-add-child-zh');
    await dialog.locator('.ant-btn-primary').click();
    await waitForText('徐汇夜班组', unitTree());
    await waitForText('Xuhui Night Team', details);

    // Switching to English changes the menu, the header and the unit names (nameEn).
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await waitForText('Units', page.locator('.ant-menu'));
    await waitForText('East China Region', unitTree());
    await waitForText('Xuhui Night Team', unitTree());
    expect(await page.getByTestId('org-name').textContent()).toContain('Xingchen Retail');
    await shot('units-en');

    // Positions in English: limit with currency, compensation types as tags; the choice survives a reload.
    await page.locator('.ant-menu').getByText('Positions', { exact: true }).click();
    await page.waitForURL(/\/org\/positions/);
    const positions = page.getByTestId('positions-table');
    await waitForText('Courier', positions);
    const courierRow = positions.locator('.ant-table-row', { hasText: 'Courier' });
    expect(await courierRow.textContent()).toMatch(/CN¥200/);
    await page.reload();
    await waitForText('Courier', positions);
    await waitForText('Voucher', positions);
    await shot('positions-en');
    await courierRow.getByRole('button', { name: /Edit/ }).click();
    await page.getByRole('dialog').getByText('Compensation types').waitFor();
    await shot('position-edit-en');
    await page.getByRole('dialog').getByRole('button', { name: /Cancel/ }).click();

    // Back to Chinese: 快递员 with 退款/代金券-style tags.
    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
    await waitForText('快递员', positions);
    await waitForText('代金券', positions);
    await shot('positions-zh');

    // Employees: names of unit, position and manager; the unit filter covers the subtree.
    await page.locator('.ant-menu').getByText('员工', { exact: true }).click();
    await page.waitForURL(/\/org\/employees/);
    const employees = page.getByTestId('employees-table');
    await employees.locator('.ant-table-row').first().waitFor();
    await waitForText('深圳南山门店', employees);
    await shot('employees-zh');
    await page.getByTestId('employee-unit-filter').click();
    await page.keyboard.type('上海徐汇门店');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '上海徐汇门店' }).first().click();
    await page.waitForURL(/unit=/);
    await employees.getByText('深圳南山门店', { exact: true }).first().waitFor({ state: 'detached' });
    await waitForText('上海徐汇门店', employees);
    await shot('employees-filtered-zh');

    // A new employee in the filtered unit (preselected); the position is picked by typing.
    await page.getByRole('button', { name: '新建员工' }).click();
    const employeeDialog = page.getByRole('dialog');
    await employeeDialog.getByLabel('姓名', { exact: true }).fill('测试员工');
    await employeeDialog.getByLabel('邮箱', { exact: true }).fill('ceshi@demo.lodestar.local');
    await employeeDialog.getByLabel('岗位', { exact: true }).click();
    await page.keyboard.type('快递员');
    await page.keyboard.press('Enter');
    await employeeDialog.locator('.ant-modal-title').click(); // closes the dropdown
    await shot('employee-new-zh');
    await employeeDialog.locator('.ant-btn-primary').click();
    await waitForText('测试员工', employees);
    const newRow = employees.locator('.ant-table-row', { hasText: '测试员工' });
    expect(await newRow.textContent()).toMatch(/上海徐汇门店.*快递员/);

    // Unknown address inside the app: the 404 page.
    await page.goto('/no-such-page');
    await waitForText('页面不存在');
    await shot('not-found-zh');

    // Log out from the user menu.
    await page.getByTestId('user-menu').click();
    await waitForText(DEMO_ADMIN.email, page.getByTestId('user-menu-panel'));
    await shot('user-menu-zh');
    await page.getByText('退出登录', { exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.locator('#email').waitFor();
    await shot('login-zh');

    // The login page in English, then a manager (East China): no write buttons, only their subtree's employees.
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await waitForText('Sign in', page.locator('.ant-card-head'));
    await shot('login-en');
    await page.locator('#email').fill('east.manager@demo.lodestar.local');
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('button[type=submit]').click();
    // A manager lands on the workbench.
    await page.waitForURL(/\/workbench/);
    await page.locator('.ant-menu').getByText('Units', { exact: true }).click();
    await page.waitForURL(/\/org\/units/);
    await waitForText('East China Region', unitTree());
    await page.getByTestId('unit-details').waitFor();
    expect(await page.getByRole('button', { name: 'Add child unit' }).count()).toBe(0);
    await page.locator('.ant-menu').getByText('Employees', { exact: true }).click();
    await employees.locator('.ant-table-row').first().waitFor();
    await waitForText('Shanghai Xuhui Store', employees);
    expect(await employees.getByText('Shenzhen Nanshan Store', { exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New employee' }).count()).toBe(0);
    await shot('employees-manager-en');

    expect(browserProblems).toEqual([]);
  }, 180_000);
});
