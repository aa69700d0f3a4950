import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
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

const MANAGER = { email: 'east.manager@demo.lodestar.local', name: '周建国' };
const AUTHOR = { email: 'wang.fang@demo.lodestar.local', name: '王芳' };
const THEME = '让周末排队更短';
const IDEA = { title: '周末晚高峰增开快速收银通道', body: '五件以下商品走快速通道，顾客少等十分钟。' };
const COMMENT = '我们店可以先试点两周';
const NOTE = '下周一在徐汇门店试点';
const FEEDBACK_IDEA = '收银高峰期开放自助结账'; // a demo idea of the author's, linked to a customer's response

// The idea board in real browsers: a manager starts a challenge, an employee suggests an idea in it, votes and
// comments; the manager (after a colleague moved the idea meanwhile) accepts it, and the author earns the rule's points.
describe('idea board in a real browser', () => {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let manager: Page;
  let author: Page;
  const browserProblems: string[] = [];
  /** The browser logs every refused request; the one stale review is expected to be refused with 409. */
  const conflicts: string[] = [];

  const newPage = async (): Promise<Page> => {
    const context = await browser!.newContext({ baseURL: server!.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => browserProblems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error' || /^Failed to load resource: .* status of 401\b/.test(message.text())) return;
      if (/^Failed to load resource: .* status of 409\b/.test(message.text())) conflicts.push(message.text());
      else browserProblems.push(`console: ${message.text()}`);
    });
    return page;
  };

  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const baseDatabaseUrl = process.env.DATABASE_URL;
    if (baseDatabaseUrl) database = await createThrowawayDatabase(baseDatabaseUrl);
    server = await startServer(database ? { DATABASE_URL: database.url } : {});
    browser = await launchChromium();
    manager = await newPage();
    author = await newPage();
  }, 170_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);

  const shot = (page: Page, name: string, fullPage = false) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `ideas-${name}.png`), animations: 'disabled', fullPage });

  async function logIn(page: Page, email: string): Promise<void> {
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_ADMIN.password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/dashboards\/executive|\/workbench/);
  }

  /** An API session of its own (cookie and CSRF token), as a second browser tab would have. */
  async function apiSession(email: string): Promise<{ request: APIRequestContext; headers: Record<string, string>; close: () => Promise<void> }> {
    const context = await browser!.newContext({ baseURL: server!.baseUrl });
    const login = await context.request.post('/api/v1/auth/login', { data: { email, password: DEMO_ADMIN.password, org: DEMO_ADMIN.org } });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    return { request: context.request, headers: { 'x-csrf-token': csrfToken }, close: () => context.close() };
  }

  it('runs a challenge from idea to accepted, with comments, a stale review and the author’s points', async () => {
    const admin = await apiSession(DEMO_ADMIN.email);
    const colleague = await apiSession(MANAGER.email);
    let shooter = manager;
    try {
      const employees = (await (await admin.request.get('/api/v1/employees?limit=500')).json()) as { items: { id: string; name: string }[] };
      const authorId = employees.items.find((e) => e.name === AUTHOR.name)!.id;
      const balance = async () => ((await (await admin.request.get(`/api/v1/points/balances/${authorId}`)).json()) as { balance: number }).balance;
      const { ideaAccepted } = (await (await admin.request.get('/api/v1/points/rules')).json()) as { ideaAccepted: number };

      // The manager starts a challenge from the idea board.
      await logIn(manager, MANAGER.email);
      await manager.goto('/recognition/ideas');
      await manager.getByTestId('challenge-strip').waitFor();
      await manager.getByRole('button', { name: '发起挑战' }).click();
      const challengeDialog = manager.getByRole('dialog').filter({ hasText: '发起挑战' });
      await challengeDialog.getByLabel('主题').fill(THEME);
      await challengeDialog.getByLabel('说明').fill('周末晚上排队最长。征集两周内就能在门店试点的办法。');
      await challengeDialog.getByRole('button', { name: /保\s*存/ }).click();
      const challengeCard = manager.getByTestId('challenge-card').filter({ hasText: THEME });
      await manager.locator('[data-testid="challenge-card"][aria-pressed="true"]', { hasText: THEME }).waitFor(); // the board now shows its ideas
      await expect(challengeCard.getByTestId('challenge-deadline').textContent()).resolves.toMatch(/还剩 1[34] 天/);
      await manager.getByText('这个挑战还没有创意，来提第一个吧').waitFor();
      const challengeId = new URL(manager.url()).searchParams.get('challenge')!;
      await shot(manager, 'challenge-zh');

      // The employee finds it, suggests an idea for it, votes and comments.
      shooter = author;
      await logIn(author, AUTHOR.email);
      await author.goto('/recognition/ideas');
      await author.getByTestId('challenge-card').filter({ hasText: THEME }).click();
      await author.waitForURL(/challenge=/);
      await author.getByTestId('selected-challenge').getByRole('button', { name: '为它提建议' }).click();
      const ideaDialog = author.getByRole('dialog').filter({ hasText: '提建议' });
      await ideaDialog.getByLabel('一句话说说你的创意').fill(IDEA.title);
      await ideaDialog.getByLabel('详细说明').fill(IDEA.body);
      await ideaDialog.getByText(THEME).waitFor(); // chosen in advance
      await shot(author, 'new-idea-zh');
      await ideaDialog.getByRole('button', { name: /提\s*交/ }).click();
      const card = author.getByTestId('idea-card').filter({ hasText: IDEA.title });
      await card.waitFor();
      await author.getByTestId('challenge-card').filter({ hasText: THEME }).getByText('1 个创意').waitFor();

      await card.getByRole('link', { name: `查看「${IDEA.title}」` }).click();
      await author.waitForURL(/idea=/);
      const ideaId = new URL(author.url()).searchParams.get('idea')!;
      const drawer = author.getByTestId('idea-drawer');
      await drawer.getByText(IDEA.body).waitFor();
      await drawer.getByText('还没有评论').waitFor();
      await drawer.getByTestId('idea-vote').click();
      await drawer.getByRole('button', { name: /已投票 · 1 票/ }).waitFor();
      await drawer.getByTestId('idea-comment-input').fill(COMMENT);
      await drawer.getByRole('button', { name: '发表评论' }).click();
      await drawer.getByTestId('idea-comment').filter({ hasText: COMMENT }).getByText(AUTHOR.name, { exact: true }).waitFor();
      await shot(author, 'drawer-author-zh');

      // The address opens the same idea (deep link); a demo idea shows the customer feedback behind it.
      await author.reload();
      await author.getByTestId('idea-drawer').getByText(COMMENT).waitFor();
      await author.goto('/recognition/ideas');
      await author.getByTestId('idea-card').filter({ hasText: FEEDBACK_IDEA }).click();
      const source = author.getByTestId('idea-drawer').getByTestId('idea-source');
      // The customer's words show; the link to the response does not, since the responses page is not an employee's.
      await source.locator('.idea-source__quote').waitFor();
      expect(await source.getByRole('link', { name: /查看答卷/ }).count()).toBe(0);
      await shot(author, 'drawer-feedback-zh');

      // The manager opens the link; a colleague moves the idea meanwhile, so the manager's stale choice is refused kindly.
      shooter = manager;
      const balanceBefore = await balance();
      await manager.goto(`/recognition/ideas?idea=${ideaId}`);
      const review = manager.getByTestId('idea-drawer').getByTestId('idea-review');
      await review.locator('label', { hasText: '评审中' }).waitFor();
      const moved = await colleague.request.post(`/api/v1/ideas/${ideaId}/status`, { headers: colleague.headers, data: { status: 'under_review' } });
      expect(moved.status()).toBe(200);
      await review.locator('label', { hasText: '评审中' }).click();
      await review.getByRole('button', { name: '更新状态' }).click();
      await review.getByTestId('idea-review-stale').getByText('它已经是「评审中」了').waitFor();
      await shot(manager, 'review-stale-zh');

      await review.locator('label', { hasText: '已采纳' }).click();
      await review.getByText(`采纳后作者将获得 ${ideaAccepted} 积分`).waitFor();
      await review.getByLabel('备注（选填）').fill(NOTE);
      await review.getByRole('button', { name: '更新状态' }).click();
      await manager.getByText(`已采纳，${AUTHOR.name} 获得 ${ideaAccepted} 积分`).waitFor();
      const timeline = manager.getByTestId('idea-drawer').getByTestId('idea-timeline');
      await timeline.getByText(NOTE).waitFor();
      await expect.poll(() => timeline.getByText(new RegExp(`^${MANAGER.name} · `)).count()).toBe(2); // the colleague's step and this one
      await manager.getByTestId('idea-drawer').getByTestId('idea-status').filter({ hasText: '已采纳' }).waitFor();
      await expect.poll(() => balance(), { timeout: 10_000 }).toBe(balanceBefore + ideaAccepted);
      await shot(manager, 'drawer-accepted-zh');

      // The author sees the points in their ledger.
      shooter = author;
      await author.goto('/recognition/points');
      await author.getByText(IDEA.title).first().waitFor();

      // In English too: the board filtered by the challenge, and the idea's detail.
      shooter = manager;
      await manager.evaluate(() => localStorage.setItem('lodestar.language', 'en'));
      await manager.goto(`/recognition/ideas?challenge=${challengeId}&idea=${ideaId}`);
      await manager.getByTestId('idea-drawer').getByText('Accepted', { exact: true }).first().waitFor();
      await shot(manager, 'drawer-en');
      await manager.getByRole('button', { name: 'Close' }).click();
      await manager.getByTestId('idea-drawer').waitFor({ state: 'hidden' });
      await manager.getByTestId('challenge-card').filter({ hasText: THEME }).getByText(/\d+ days left/).waitFor();
      await shot(manager, 'board-en');
    } catch (error) {
      await shot(shooter, 'failure');
      throw new Error(`${(error as Error).message}\nbrowser: ${browserProblems.join('\n')}`);
    } finally {
      await admin.close();
      await colleague.close();
    }
    expect(browserProblems).toEqual([]);
    expect(conflicts).toHaveLength(1);
  }, 400_000);
});
