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

// The survey list and builder against the real server, in headless Chromium: create a survey with
// an NPS and a text question, reorder, save, reopen, preview in both languages, version 2, share.
describe('survey builder in a real browser', () => {
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
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
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

  const shot = async (name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `surveys-${name}.png`), animations: 'disabled', fullPage: true });
  };
  const card = (index: number) => page.getByTestId(`question-card-${index}`);
  const preview = () => page.getByTestId('survey-preview');
  // A click that lands while the dropdown is still animating open can be lost on a busy machine:
  // retry until the new card exists.
  const addQuestion = async (typeLabel: string) => {
    const cards = page.locator('[data-testid^="question-card-"]');
    const before = await cards.count();
    for (let attempt = 0; attempt < 5 && (await cards.count()) === before; attempt++) {
      const item = page.getByRole('menuitem', { name: typeLabel, exact: true }); // exact: the side menu has "文本分析"
      if (!(await item.isVisible())) await page.getByTestId('add-question').click();
      await item.click({ timeout: 5_000 }).catch(() => undefined);
      await page.waitForTimeout(300);
    }
    expect(await cards.count()).toBe(before + 1);
  };
  const save = () => page.getByTestId('save-survey').click();
  // antd's visible option (its role="option" twin is an invisible accessibility list).
  const pickOption = (label: string) => page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();

  it('builds, saves, reopens, previews in both languages, versions and shares a survey', async () => {
    try {
      await buildAndShare();
    } catch (error) {
      await shot('failure');
      throw new Error(`${(error as Error).message}\nbrowser: ${browserProblems.join('\n')}`);
    }
    expect(browserProblems).toEqual([]);
  }, 120_000);

  it('sets the contact-fatigue rule, adds an automatic invitation and shows it queued after an interaction', async () => {
    try {
      await distribute();
    } catch (error) {
      await shot('distribution-failure');
      throw new Error(`${(error as Error).message}\nbrowser: ${browserProblems.join('\n')}`);
    }
    expect(browserProblems).toEqual([]);
  }, 90_000);

  async function distribute() {
    await page.goto('/distribution');
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    const days = page.getByTestId('fatigue-days');
    await expect.poll(() => days.inputValue()).toBe('30');
    await days.fill('14');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved').first().waitFor();

    // The demo's trigger is listed; add one for hotline inquiries by e-mail.
    const triggers = page.getByTestId('triggers-table');
    await triggers.getByText('delivery at any touchpoint').waitFor();
    await page.getByRole('button', { name: 'Add trigger' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Survey').click();
    await pickOption('服务体验回访 / Service follow-up');
    await dialog.getByLabel('Interaction type').fill('inquiry');
    await dialog.getByLabel('Channel').click();
    await pickOption('E-mail');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await triggers.getByText('inquiry at any touchpoint').waitFor();

    // An integrator records a home delivery: the demo trigger queues an SMS invitation within a moment.
    const { csrfToken } = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const customer = await page.request.post('/api/v1/customers', { headers, data: { externalId: 'E2E-INVITE', name: '赵女士', phone: '13912345678' } });
    expect(customer.status()).toBe(201);
    const occurredAt = new Date().toISOString();
    const interaction = { customerId: (await customer.json()).id, type: 'delivery', channel: 'delivery', touchpoint: 'home_delivery', occurredAt };
    expect((await page.request.post('/api/v1/interactions', { headers, data: interaction })).status()).toBe(201);
    const outbox = page.getByTestId('messages-table');
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return outbox.textContent();
      }, { timeout: 20_000 })
      .toContain('13912345678');
    expect(await outbox.locator('tr', { hasText: '13912345678' }).textContent()).toMatch(/Invitation.*SMS.*Queued/);
    await page.reload();
    const invitedCell = triggers.locator('tr', { hasText: 'delivery at any touchpoint' }).locator('td').nth(4);
    await expect.poll(() => invitedCell.textContent()).toBe('1');
    await shot('distribution-en');
    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
    await page.getByText('自动邀请', { exact: true }).waitFor();
    await shot('distribution-zh');
  }

  async function buildAndShare() {
    await page.goto('/login');
    await page.locator('#email').fill(DEMO_ADMIN.email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/dashboards\/executive/); // an administrator's home page
    await page.locator('.page-header').waitFor(); // the landing page has settled before the menu is used

    // The menu's Listen group leads to the list; New survey opens an empty builder.
    await page.getByRole('menuitem', { name: '问卷' }).click();
    await page.waitForURL(/\/surveys$/);
    await page.getByRole('button', { name: '新建问卷' }).click();
    await page.waitForURL(/\/surveys\/new$/);
    await page.locator('#survey-name').fill('门店回访 E2E');

    // A text question, then an NPS question; move the NPS up so it comes first.
    await addQuestion('文本');
    await addQuestion('净推荐值 NPS（0–10）');
    expect(await card(1).textContent()).toContain('净推荐值');
    await page.getByRole('button', { name: '上移第 2 题' }).click();
    expect(await card(0).textContent()).toContain('净推荐值');
    expect(await card(1).textContent()).toContain('文本');
    await preview().getByText('您向朋友推荐我们的可能性有多大？').waitFor();
    await addQuestion('单选');
    await card(2).getByRole('button', { name: '添加选项' }).click();
    await card(2).getByLabel('中文选项 4').fill('微信小程序');
    await card(2).getByLabel('英文选项 4').fill('WeChat mini program');
    await preview().getByText('微信小程序').waitFor();
    await shot('builder-new-zh');

    // A missing Chinese title is refused before sending, naming the question and the field.
    const zhTitle = card(1).getByLabel('题目（中文）');
    await zhTitle.fill('');
    await save();
    expect(await page.getByTestId('save-issues').textContent()).toContain('第 2 题 · 题目（中文）');
    await shot('builder-invalid-zh');
    await zhTitle.fill('您还有什么想告诉我们的吗？');

    await save();
    await page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('survey-version').textContent()).toBe('v1');
    const surveyPath = new URL(page.url()).pathname;

    // The list shows it with its status, version and question count; a row click reopens it.
    await page.getByRole('button', { name: '全部问卷' }).click();
    const row = page.getByTestId('surveys-table').locator('tr', { hasText: '门店回访 E2E' });
    await row.waitFor();
    expect(await row.textContent()).toContain('草稿');
    expect(await row.textContent()).toContain('v1');
    await shot('list-zh');
    await row.click();
    await page.waitForURL((url) => url.pathname === surveyPath);
    expect(await card(0).textContent()).toContain('净推荐值');

    // The preview's language is its own: English questions and scale labels, the UI stays Chinese.
    await preview().getByText('完全不可能').waitFor();
    await page.getByTestId('preview-language').getByText('English', { exact: true }).click();
    await preview().getByText('How likely are you to recommend us to a friend?').waitFor();
    await preview().getByText('Not at all likely').waitFor();
    expect(await preview().locator('fieldset').first().getByRole('radio').count()).toBe(11);
    await page.getByRole('button', { name: '保存' }).waitFor();
    await shot('builder-preview-en');

    // Changing a question makes version 2.
    await card(1).getByLabel('题目（英文）').fill('Anything else you would like to tell us?');
    await preview().getByText('Anything else you would like to tell us?').waitFor();
    await save();
    await page.getByText('已保存：版本 2').waitFor();
    expect(await page.getByTestId('survey-version').textContent()).toBe('v2');

    // Share: an anonymous link with its QR code.
    await page.getByRole('button', { name: '投放' }).click();
    const url = page.getByTestId('share-url');
    await url.waitFor();
    expect(await url.inputValue()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/\S+$/);
    const qr = page.getByTestId('share-qr');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.getByRole('button', { name: '复制' }).click();
    await page.getByText('链接已复制').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'surveys-share-zh.png'), animations: 'disabled' });
    const publicPage = await fetch(await url.inputValue());
    expect(publicPage.status).toBe(200);
    expect(await publicPage.text()).toContain('Anything else you would like to tell us?');
    await page.keyboard.press('Escape');

    // The builder and the list in English.
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Move question 2 up' }).waitFor();
    await shot('builder-en');
    await page.getByRole('menuitem', { name: 'Surveys' }).click();
    await page.getByTestId('surveys-table').getByText('Draft', { exact: true }).first().waitFor();
    await shot('list-en');
  }
});
