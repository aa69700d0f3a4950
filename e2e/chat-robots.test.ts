import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, SCREENSHOT_DIR, createThrowawayDatabase, ensureWebBuild, launchChromium, startServer, type RunningServer, type ThrowawayDatabase } from './helpers.ts';

// Chat robots against the real server, in headless Chromium: add a signed DingTalk robot bound to a store,
// send a test message to a local fake DingTalk, read the delivery log, and see SMS is on for the Distribution page.
describe('chat robots in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let fake: http.Server | undefined;
  let fakeBase = '';
  let page: Page;
  const received: { path: string; query: URLSearchParams; body: string }[] = [];
  const browserProblems: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // One local stand-in for the chat platform and the SMS gateway: nothing leaves the machine.
    fake = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url!, 'http://x');
        received.push({ path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve));
    fakeBase = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const baseDatabaseUrl = process.env.DATABASE_URL;
    if (baseDatabaseUrl) database = await createThrowawayDatabase(baseDatabaseUrl);
    server = await startServer({
      ...(database ? { DATABASE_URL: database.url } : {}),
      LODESTAR_WEBHOOKS_ALLOW_PRIVATE: 'true',
      LODESTAR_SMS_GATEWAY_URL: `${fakeBase}/sms/send`,
      LODESTAR_PUBLIC_URL: 'https://xm.example.com',
    });
    browser = await launchChromium();
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !/^Failed to load resource: .* status of 401\b/.test(message.text())) browserProblems.push(`console: ${message.text()}`);
    });
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
    await new Promise<void>((resolve) => (fake ? fake.close(() => resolve()) : resolve()));
  }, 60_000);

  const shot = (name: string, fullPage = true) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `chat-robots-${name}.png`), animations: 'disabled', fullPage });

  it('adds a signed robot for a store, sends it a test message and shows the log, in both languages', async () => {
    try {
      await addAndTest();
    } catch (error) {
      await shot('failure');
      throw new Error(`${(error as Error).message}\nbrowser: ${browserProblems.join('\n')}`);
    }
    expect(browserProblems).toEqual([]);
  }, 180_000);

  async function addAndTest() {
    await page.goto('/login');
    await page.locator('#email').fill(DEMO_ADMIN.email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/dashboards\/executive/);

    await page.getByRole('menuitem', { name: '群机器人' }).click();
    await page.waitForURL(/\/chat-robots$/);
    await page.getByText('还没有机器人', { exact: false }).waitFor();

    // A DingTalk robot for the Xuhui store's group, signed.
    await page.getByRole('button', { name: '添加机器人' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('钉钉', { exact: true }).click();
    await dialog.locator('#name').fill('徐汇门店群');
    await dialog.locator('#url').fill(`${fakeBase}/robot/send?access_token=e2e0token0abcdef123456`);
    await dialog.getByLabel('签名密钥').fill('SECe2e0secret0abcdef0123456789');
    // A click on an option can land while the tree dropdown is still sliding in and be lost (it happened in CI):
    // choose until the field shows the store.
    const unitField = dialog.locator('.ant-select').filter({ has: page.locator('#unitId') });
    await expect
      .poll(async () => {
        const dropdown = page.locator('.ant-select-dropdown:visible');
        if ((await dropdown.count()) === 0) await dialog.locator('#unitId').click();
        await dropdown.getByTitle('上海徐汇门店').click({ timeout: 5_000 }).catch(() => undefined);
        return (await unitField.textContent()) ?? '';
      }, { timeout: 30_000 })
      .toContain('上海徐汇门店');
    await shot('add-zh', false);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.getByTestId('chat-robots-table').locator('tr', { hasText: '徐汇门店群' });
    await row.waitFor();
    // The scope names the unit once the unit tree has loaded beside the list.
    await row.getByText('上海徐汇门店及下级', { exact: false }).waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain('上海徐汇门店及下级');
    expect(rowText).toContain('已加签');
    expect(rowText).toContain('access_token=e2e0…');
    expect(rowText).not.toContain('abcdef123456');

    // The test message reaches the fake DingTalk, signed, and the log says so.
    await row.getByRole('button', { name: /发送测试/ }).click();
    await page.getByText('测试消息已发出', { exact: false }).waitFor();
    await expect.poll(() => received.filter((r) => r.path === '/robot/send').length, { timeout: 20_000 }).toBe(1);
    const sent = received.find((r) => r.path === '/robot/send')!;
    expect(sent.query.get('sign')).toBeTruthy();
    expect(JSON.parse(sent.body).markdown.text).toContain('范围：上海徐汇门店及其下级单位');
    await page.mouse.move(0, 0);
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await shot('list-zh');
    await row.getByRole('button', { name: /发送记录/ }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('已送达', { exact: true }).waitFor();
    await shot('log-zh', false);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // English: the same page, then the Distribution page shows SMS goes out through the gateway.
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await page.getByText('Chat robots', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: 'Add robot' }).click();
    // On a busy machine a click can land while the dialog is still opening and be lost: click until Feishu's
    // signing-secret field shows.
    const feishu = page.getByRole('dialog').getByText('Feishu / Lark', { exact: true });
    await expect
      .poll(async () => {
        await feishu.click();
        return page.getByRole('dialog').getByText('Signing secret').isVisible();
      }, { timeout: 20_000 })
      .toBe(true);
    await shot('add-en', false);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.mouse.move(0, 0);
    await shot('list-en');
    await page.goto('/distribution');
    const channels = page.getByTestId('message-channels');
    await channels.waitFor();
    expect(await channels.textContent()).toContain(`SMS · sent within a minute via ${new URL(fakeBase).host}`);
    await channels.scrollIntoViewIfNeeded();
    await shot('distribution-en', false);
    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
    await channels.getByText('短信', { exact: false }).waitFor();
    await shot('distribution-zh', false);
  }
});
