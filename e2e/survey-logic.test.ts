import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, SCREENSHOT_DIR, createThrowawayDatabase, ensureWebBuild, launchChromium, startServer, type RunningServer, type ThrowawayDatabase } from './helpers.ts';

// Survey logic in a real Chromium with JavaScript switched off: the demo's three-page survey, answered page
// by page on a personal link (a detractor's follow-up appears, a promoter's does not), left after page 1,
// resumed from a fresh browser on the same link, back to page 1 and on to the end; then the builder.
describe('survey logic and partial answers in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let admin: BrowserContext;
  let api: { request: APIRequestContext; headers: Record<string, string> };
  let surveyId: string;

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    if (process.env.DATABASE_URL) database = await createThrowawayDatabase(process.env.DATABASE_URL);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
    admin = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 1000 } });
    const login = await admin.request.post('/api/v1/auth/login', { data: { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, org: DEMO_ADMIN.org } });
    expect(login.status()).toBe(200);
    api = { request: admin.request, headers: { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken } };
    const surveys = (await (await api.request.get('/api/v1/surveys')).json()) as { items: Array<{ id: string; name: string }> };
    surveyId = surveys.items.find((s) => s.name.startsWith('到店体验'))!.id;
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  /** A personal link bound to a demo employee at their store's checkout. */
  async function personalLink(lang: 'zh-CN' | 'en'): Promise<{ url: string; employee: string }> {
    const employees = (await (await api.request.get('/api/v1/employees?limit=500')).json()) as { items: Array<{ id: string; name: string; unitId: string }> };
    const employee = employees.items.find((e) => e.name === '王芳') ?? employees.items[0]!;
    const res = await api.request.post(`/api/v1/surveys/${surveyId}/links`, {
      headers: api.headers,
      data: { employeeId: employee.id, unitId: employee.unitId, touchpoint: 'store_checkout', channel: 'sms', lang },
    });
    expect(res.status()).toBe(201);
    return { url: new URL(((await res.json()) as { url: string }).url).pathname, employee: employee.name };
  }

  /** A phone with JavaScript off: nothing on the public page may depend on it. */
  const phone = () => browser!.newContext({ baseURL: server!.baseUrl, javaScriptEnabled: false, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `survey-logic-${name}.png`), fullPage: true });
  const pick = (page: Page, name: string, value: string) => page.locator(`label:has(> input[name="${name}"][value="${value}"])`).click();

  it('answers a two-page-and-more survey with logic without JavaScript, and resumes it on the same link', async () => {
    const { url, employee } = await personalLink('zh-CN');
    const first = await phone();
    const page = await first.newPage();
    await page.goto(url);
    await page.getByText('第 1 页，共 3 页').waitFor();
    expect(await page.locator('legend').first().textContent()).toMatch(/推荐.+店/);
    expect(await page.locator('legend').nth(1).textContent()).toContain(employee);
    await pick(page, 'nps', '3');
    await pick(page, 'csat', '2');
    await shot(page, 'phone-zh-page1');
    await page.getByRole('button', { name: '下一页' }).click();
    // A detractor is asked what let them down; a promoter's question is not there.
    await page.getByText('哪些方面让您失望了？').waitFor();
    expect(await page.locator('textarea[name="praise"]').count()).toBe(0);
    await first.close();

    // The partial is listed and kept out of metrics; a fresh browser on the same link resumes at page 2.
    const partials = (await (await api.request.get(`/api/v1/responses?status=partial&surveyId=${surveyId}`)).json()) as { items: Array<{ id: string; answers: Record<string, unknown> }> };
    const draft = partials.items.find((r) => r.answers.nps === 3 && r.answers.csat === 2);
    expect(draft).toBeDefined();
    const second = await phone();
    const again = await second.newPage();
    await again.goto(url);
    await again.getByText('第 2 页，共 3 页').waitFor();
    await again.getByRole('button', { name: '上一页' }).click();
    await again.getByText('第 1 页，共 3 页').waitFor();
    expect(await again.locator('input[name="nps"][value="3"]').isChecked()).toBe(true);
    await again.getByRole('button', { name: '下一页' }).click();
    await again.getByText('排队等待太久').click();
    await shot(again, 'phone-zh-page2');
    await again.getByRole('button', { name: '下一页' }).click();
    // Waiting too long asks whether the store manager should call back (a condition of "any" on page 3).
    await again.getByText('第 3 页，共 3 页').waitFor();
    await pick(again, 'callback', 'yes');
    await again.locator('textarea[name="comment"]').fill('周末排队太长了');
    await again.getByRole('button', { name: '提交' }).click();
    await again.getByText('感谢您的反馈！').waitFor();
    await second.close();

    const detail = await api.request.get(`/api/v1/responses/${draft!.id}`);
    expect(detail.status()).toBe(200);
    expect(((await detail.json()) as { answers: unknown }).answers).toEqual({ nps: 3, csat: 2, why: ['wait'], callback: 'yes', comment: '周末排队太长了' });
    const after = (await (await api.request.get(`/api/v1/responses?status=partial&surveyId=${surveyId}`)).json()) as { items: Array<{ id: string }> };
    expect(after.items.some((r) => r.id === draft!.id)).toBe(false);
  }, 120_000);

  it('shows the English public page on a phone, and the builder with logic, preview and drop-off', async () => {
    const { url, employee } = await personalLink('en');
    const context = await phone();
    const page = await context.newPage();
    await page.goto(url);
    await page.getByText('Page 1 of 3').waitFor();
    expect(await page.locator('legend').nth(1).textContent()).toContain(`with ${employee} at store checkout`);
    await pick(page, 'nps', '10');
    await pick(page, 'csat', '5');
    await shot(page, 'phone-en-page1');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('What did').waitFor();
    await shot(page, 'phone-en-page2');
    await context.close();

    const builder = await admin.newPage();
    await builder.goto(`/surveys/${surveyId}`);
    await builder.getByTestId('drop-off').getByText('在此离开').first().waitFor();
    const preview = builder.getByTestId('survey-preview');
    await preview.getByText('第 1 页，共 3 页').waitFor();
    await preview.locator('.ant-radio-button-wrapper', { hasText: /^2$/ }).first().click();
    await preview.locator('.ant-radio-button-wrapper', { hasText: /^1$/ }).nth(1).click();
    await builder.getByTestId('preview-submit').click();
    await preview.getByText('哪些方面让您失望了？').waitFor();
    await builder.screenshot({ path: path.join(SCREENSHOT_DIR, 'survey-logic-builder.png'), fullPage: true });

    // Partial responses are listed on the responses page (not finished, never in metrics) and open like any other.
    await builder.goto(`/responses?survey=${surveyId}&status=partial`);
    const partialTag = builder.locator('.responses-partial').first();
    await partialTag.waitFor();
    await builder.screenshot({ path: path.join(SCREENSHOT_DIR, 'survey-logic-partials.png') });
    await partialTag.click();
    await builder.getByRole('dialog').waitFor();
    await builder.close();
  }, 90_000);
});
