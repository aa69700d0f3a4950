import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PagePath, Viewer } from '../shared/page-access.ts';
import { en } from './i18n/en.ts';
import { zhCN } from './i18n/zh-CN.ts';
import { PageGate } from './PageGate.tsx';

// PageGate as the router uses it, rendered for people of each kind: the page itself for a role or a member it opens
// to, the kind no-access page (saying who the page is for) for anyone else. The signed-in session is stubbed: the
// server's side of memberships is tested in server/modules/governance/memberships.test.ts.

let viewer: Viewer;
vi.mock('../shared/session.tsx', () => ({
  useViewer: () => viewer,
  useSignedIn: () => ({ user: { role: viewer.role } }),
}));

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
});

const IN_NOTHING = { committee: false, listening: false };
const ON_COMMITTEE = { committee: true, listening: true };
const ON_ROTATION = { committee: false, listening: true };

/** The markup PageGate renders for `who` on `page`, in `language`; the page stands in as <main data-testid="page">. */
async function gate(who: Viewer, page: PagePath, language: 'en' | 'zh-CN' = 'en'): Promise<string> {
  viewer = who;
  await i18n.changeLanguage(language);
  const inner = createElement(PageGate, { page, children: createElement('main', { 'data-testid': 'page' }) });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(MemoryRouter, null, inner)));
}

describe('the page gate', () => {
  it('lets an employee on the committee into the committee, its meetings and listening', async () => {
    for (const page of ['/governance/committee', '/governance/committee/meetings/:id', '/governance/listening'] as const) {
      const html = await gate({ role: 'employee', memberships: ON_COMMITTEE }, page);
      expect(html, page).toContain('data-testid="page"');
      expect(html, page).not.toContain('no-access');
    }
  });

  it('lets an employee on the rotation into listening but not the committee', async () => {
    expect(await gate({ role: 'employee', memberships: ON_ROTATION }, '/governance/listening')).toContain('data-testid="page"');
    expect(await gate({ role: 'employee', memberships: ON_ROTATION }, '/governance/committee')).toContain('data-testid="no-access"');
  });

  it('shows an employee in no governance body the kind no-access page, naming the members it is also for', async () => {
    const committee = await gate({ role: 'employee', memberships: IN_NOTHING }, '/governance/committee');
    expect(committee).toContain('data-testid="no-access"');
    expect(committee).not.toContain('data-testid="page"');
    expect(committee).toContain('This page is for administrators, managers, and experience committee members; your role is Employee.');
    expect(committee).toContain('ask an administrator to change your role or to add you as a member');
    expect(committee).toContain('Go to my home page');
    const listening = await gate({ role: 'employee', memberships: IN_NOTHING }, '/governance/listening', 'zh-CN');
    expect(listening).toContain('此页面不在您的角色范围内');
    expect(listening).toContain('高管倾听轮值人员或委员会成员');
  });

  it('names roles only on a page no membership opens', async () => {
    const html = await gate({ role: 'employee', memberships: ON_COMMITTEE }, '/governance/monthly-review');
    expect(html).toContain('data-testid="no-access"');
    expect(html).toContain('This page is for administrators and managers; your role is Employee.');
    expect(html).toContain('ask an administrator to change your role.');
  });

  it('opens pages to managers by role, member or not', async () => {
    expect(await gate({ role: 'manager', memberships: IN_NOTHING }, '/governance/committee')).toContain('data-testid="page"');
  });
});
