import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { navGroupsFor } from '../src/web/app/navigation.tsx';
import { HOME_PATHS, type Role } from '../src/web/shared/page-access.ts';
import { collectBrowserProblems, DEMO_ADMIN } from './helpers.ts';
import { demoInBrowser } from './demo-in-browser.ts';

const SHOTS = '/tmp/role-shots';
const LOCALES = [
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
] as const;

/** Demo people of each role, and addresses their role may not open (typed in, bookmarked or sent by a colleague). */
const PEOPLE: { role: Role; email: string; forbidden: string[] }[] = [
  { role: 'employee', email: 'wang.fang@demo.lodestar.local', forbidden: ['/org/units', '/dashboards/unit', '/responses', '/surveys', '/governance/committee', '/learning/coverage'] },
  { role: 'manager', email: 'xuhui.manager@demo.lodestar.local', forbidden: ['/webhooks', '/settings/sso', '/distribution', '/surveys/new', '/recognition/settings', '/dashboards/boards'] },
  { role: 'admin', email: DEMO_ADMIN.email, forbidden: ['/partner-home'] },
];
/** The demo courier's partner login (src/server/demo/demo-partners.ts), bound to its partner. */
const PARTNER = { email: 'shandian.partner@demo.lodestar.local', password: DEMO_ADMIN.password };
const TEXT = {
  zh: { noAccess: '此页面不在您的角色范围内', home: '返回我的首页', csv: '数据导出为 CSV', servingEmployee: '服务员工', dataNote: '您无权查看此内容' },
  en: { noAccess: 'This page is not part of your role', home: 'Go to my home page', csv: 'Data as CSV', servingEmployee: 'the serving employee', dataNote: 'You do not have access to this' },
};

// Every page of the menu for each role, in a real browser against the demo: an employee, a manager and an
// administrator each walk their whole menu in Chinese and English (no error banner, no refused API call, no console
// error) and the detail pages those lists open, then type in addresses their role may not open and get the kind
// no-access page with a way home.
// Screenshots of every page go to /tmp/role-shots/.
describe('each role sees only what it may use', () => {
  const demo = demoInBrowser(SHOTS);

  /** A signed-in page that records console errors, page errors and every API answer of 403 or 500 and above. */
  async function signIn(email: string, locale: string, password = DEMO_ADMIN.password): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await demo.browser.newContext({ baseURL: demo.server.baseUrl, locale, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const problems: string[] = [];
    collectBrowserProblems(page, problems);
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/api/') && (response.status() === 403 || response.status() >= 500)) problems.push(`${response.status()} ${pathname} on ${new URL(page.url()).pathname}`);
    });
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.locator('#org').fill(DEMO_ADMIN.org);
    await page.locator('button[type=submit]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    return { context, page, problems };
  }

  /** Waits until the page has its header (or the no-access card) and nothing is loading any more. */
  async function settle(page: Page): Promise<void> {
    await page.locator('.page-header, [data-testid=no-access]').first().waitFor();
    await expect.poll(() => page.locator('.ant-spin-spinning, .ant-skeleton-active').count(), { timeout: 30_000 }).toBe(0);
    await page.waitForTimeout(700); // charts finish their entry animation
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
  const slug = (pathname: string) => pathname.replace(/^\//, '').replace(/[/:]/g, '-') || 'home';
  /** The menu's entries as page paths, top to bottom (antd keys each item by its path). */
  const menuPaths = (page: Page) =>
    page.locator('.app-layout__menu [role=menuitem]').evaluateAll((items) => items.map((item) => (item.getAttribute('data-menu-id') ?? '').replace(/^.*?-(?=\/)/, '')));

  /** One address of each detail page (opened from a list) the viewer's role may open, found through the API as them. */
  async function detailPaths(page: Page, role: Role): Promise<string[]> {
    if (role !== 'admin' && role !== 'manager') return [];
    const items = async (url: string) => ((await (await page.request.get(url)).json()) as { items: Array<{ id: string; status?: string; baselineAuditId?: string | null }> }).items;
    const first = (list: Array<{ id: string }>, to: (id: string) => string) => (list[0] ? [to(list[0].id)] : []);
    const closed = (await items('/api/v1/assessments')).filter((a) => a.status === 'closed');
    const audits = [...(await items('/api/v1/audits?kind=audit')), ...(await items('/api/v1/audits?kind=mystery'))];
    return [
      ...first(await items('/api/v1/surveys'), (id) => `/surveys/${id}`),
      ...first(await items('/api/v1/responses?limit=1'), (id) => `/responses/${id}`),
      ...first(closed, (id) => `/culture/${id}`),
      ...first(await items('/api/v1/committee/meetings'), (id) => `/governance/committee/meetings/${id}`),
      ...first(audits, (id) => `/audits/${id}`),
      ...first(audits.filter((a) => a.baselineAuditId), (id) => `/audits/${id}/compare`),
    ];
  }

  for (const person of PEOPLE) {
    it(`${person.role}: lands on their home page, walks every menu entry cleanly and is turned away kindly elsewhere`, async () => {
      for (const [locale, lang] of LOCALES) {
        const { context, page, problems } = await signIn(person.email, locale);
        const where = () => `${person.role} ${lang} at ${page.url()}`;
        try {
          expect(new URL(page.url()).pathname, where()).toBe(HOME_PATHS[person.role]);
          await page.locator('.app-layout__menu [role=menuitem]').first().waitFor();
          const paths = await menuPaths(page);
          expect(paths, where()).toEqual(navGroupsFor(person.role).flatMap((group) => group.items.map((item) => item.path)));

          for (const [index, pathname] of paths.entries()) {
            await page.locator('.app-layout__menu [role=menuitem]').nth(index).click();
            await page.waitForURL((url) => url.pathname === pathname);
            await settle(page);
            expect(await page.getByTestId('no-access').count(), where()).toBe(0);
            expect(await page.getByTestId('load-forbidden').count(), where()).toBe(0);
            expect(await page.locator('.ant-alert-error').allInnerTexts(), where()).toEqual([]);
            await shot(page, `${person.role}-${lang}-${slug(pathname)}`);
          }
          // The detail pages reached from those lists: a survey, a response, culture results, a meeting, an audit.
          const details = await detailPaths(page, person.role);
          if (person.role !== 'employee') expect(details.length, where()).toBeGreaterThanOrEqual(5);
          for (const pathname of details) {
            await page.goto(pathname);
            await settle(page);
            expect(await page.getByTestId('no-access').count(), where()).toBe(0);
            expect(await page.getByTestId('load-forbidden').count(), where()).toBe(0);
            expect(await page.locator('.ant-alert-error').allInnerTexts(), where()).toEqual([]);
            await shot(page, `${person.role}-${lang}-detail-${slug(pathname.replace(/[0-9a-f-]{36}/, 'id'))}`);
          }
          expect(problems, `${person.role} ${lang}`).toEqual([]);

          for (const pathname of person.forbidden) {
            await page.goto(pathname);
            await page.getByTestId('no-access').waitFor();
            expect(await page.getByTestId('no-access').innerText()).toContain(TEXT[lang].noAccess);
            expect(await page.locator('.ant-alert-error').count(), where()).toBe(0);
            await shot(page, `${person.role}-${lang}-forbidden-${slug(pathname)}`);
          }
          // The no-access page's button leads to the role's own home page.
          await page.getByRole('button', { name: TEXT[lang].home }).click();
          await page.waitForURL((url) => url.pathname === HOME_PATHS[person.role]);
          await settle(page);
          expect(problems, `${person.role} ${lang}`).toEqual([]);
        } finally {
          await context.close();
        }
      }
    }, 900_000);
  }

  it('manager: a survey to read and share, readable key-driver labels, and a calm note where data is refused', async () => {
    for (const [locale, lang] of LOCALES) {
      const { context, page, problems } = await signIn('xuhui.manager@demo.lodestar.local', locale);
      try {
        // Surveys: no "new survey" button, and a survey opens to read and share, without editing controls.
        await page.goto('/surveys');
        await page.getByTestId('surveys-table').locator('.ant-table-row').first().click();
        await page.getByTestId('survey-read-only').waitFor();
        expect(await page.getByTestId('save-survey').count()).toBe(0);
        expect(await page.getByTestId('add-question').count()).toBe(0);
        await page.getByTestId('share-survey').click();
        await page.getByRole('dialog').locator('input').first().waitFor();
        await shot(page, `manager-${lang}-survey-share`);
        await page.keyboard.press('Escape');

        // The key-driver chart names questions in words, not with the placeholders their titles pipe.
        // The demo's store-visit survey pipes the serving employee into its questions' titles.
        await page.goto('/dashboards/unit');
        await page.getByTestId('chart-drivers').locator('.ant-select').click();
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Store visit' }).click();
        await expect.poll(() => page.getByTestId('chart-drivers').locator('.ant-select').innerText()).toContain('到店体验');
        await page.getByTestId('chart-drivers').locator('canvas').first().waitFor();
        await expect.poll(() => page.locator('.ant-skeleton-active').count()).toBe(0);
        await page.getByTestId('chart-drivers-export').click();
        const item = page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').getByText(TEXT[lang].csv);
        const [csv] = await Promise.all([page.waitForEvent('download'), item.click()]);
        const table = fs.readFileSync((await csv.path())!, 'utf8');
        expect(table).not.toContain('{{');
        expect(table).toContain(TEXT[lang].servingEmployee);
        await page.getByTestId('chart-drivers').scrollIntoViewIfNeeded();
        await page.waitForTimeout(800);
        await shot(page, `manager-${lang}-key-drivers`);
        expect(problems).toEqual([]);

        // Should a page's data still be refused (a role changed meanwhile), the page says so calmly.
        await page.route('**/api/v1/learning/coverage**', (route) =>
          route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'forbidden', message: 'your role may not learning.coverage', details: {} } }) }),
        );
        await page.goto('/learning/coverage');
        await page.getByTestId('load-forbidden').waitFor();
        expect(await page.getByTestId('load-forbidden').innerText()).toContain(TEXT[lang].dataNote);
        expect(await page.locator('.ant-alert-error').count()).toBe(0);
        await shot(page, `manager-${lang}-data-refused`);
      } finally {
        await context.close();
      }
    }
  }, 300_000);

  it('partner: a partner account lands on its own report page, and nothing else opens', async () => {
    for (const [locale, lang] of LOCALES) {
      const { context, page, problems } = await signIn(PARTNER.email, locale, PARTNER.password);
      try {
        expect(new URL(page.url()).pathname).toBe('/partner-home');
        await page.getByTestId('partner-home').waitFor();
        // Its report, replies and ideas load from the partner-only API (a refused call would be a problem below).
        await page.getByTestId('partner-report').locator('.ant-list-item').first().waitFor();
        await page.getByTestId('own-replies').locator('.ant-list-item').first().waitFor();
        await page.getByTestId('own-ideas').locator('.ant-list-item').first().waitFor();
        expect(await menuPaths(page)).toEqual(['/partner-home']);
        await shot(page, `partner-${lang}-home`);
        for (const pathname of ['/workbench', '/recognition/ideas']) {
          await page.goto(pathname);
          await page.getByTestId('no-access').waitFor();
        }
        await shot(page, `partner-${lang}-forbidden`);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    }
  }, 180_000);
});
