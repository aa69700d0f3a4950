import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { DEMO_PARTNER_LOGIN, DEMO_PARTNER_PASSCODE, DEMO_PARTNER_TOKEN } from './demo-partners.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx);
  await t.ctx.events.drain();
}, 300_000);
afterAll(() => t.close());

const api = (method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) => t.app.inject({ method, url, payload, headers });

describe('demo partners', () => {
  it('opens the README’s link with its passcode: the courier’s report shows verbatims, redacted', async () => {
    const unlock = await api('POST', `/api/v1/public/partner-reports/${DEMO_PARTNER_TOKEN}/unlock`, { passcode: DEMO_PARTNER_PASSCODE });
    expect(unlock.statusCode, unlock.body).toBe(200);
    const report = (await api('GET', `/api/v1/public/partner-reports/${DEMO_PARTNER_TOKEN}`, undefined, { authorization: `Bearer ${unlock.json().accessToken}` })).json();
    expect(report.partner).toEqual({ name: '闪电同城配送', kind: 'logistics' });
    expect(report.comments).toBeGreaterThanOrEqual(10);
    expect(report.verbatimsShown).toBe(true);
    expect(report.metrics.nps.value).not.toBeNull();
    expect(report.themes.length).toBeGreaterThan(0);
    // The demo's comments name couriers (吴磊, 郑浩, 宋杰…); the partner never reads a name.
    for (const name of ['吴磊', '郑浩', '宋杰', '张伟']) expect(JSON.stringify(report)).not.toContain(name);
    const ideas = (await api('GET', `/api/v1/public/partner-reports/${DEMO_PARTNER_TOKEN}/ideas`, undefined, { authorization: `Bearer ${unlock.json().accessToken}` })).json();
    expect(ideas.items).toHaveLength(1);
  });

  it('has the courier’s partner login from the README: the same report as its link, its reply and its idea', async () => {
    const login = await api('POST', '/api/v1/auth/login', { email: DEMO_PARTNER_LOGIN.email, password: DEMO_PASSWORD, org: 'demo' });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user).toMatchObject({ role: 'partner', partnerId: expect.any(String) });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const report = (await api('GET', '/api/v1/partner-report?days=90', undefined, { cookie })).json();
    expect(report.partner).toEqual({ name: '闪电同城配送', kind: 'logistics' });
    expect(report.verbatimsShown).toBe(true);
    expect((await api('GET', '/api/v1/partner-report/replies', undefined, { cookie })).json().items).toMatchObject([{ via: 'link', period: { days: 90 } }]);
    expect((await api('GET', '/api/v1/partner-report/ideas', undefined, { cookie })).json().items).toHaveLength(1);
    expect((await api('GET', '/api/v1/partners', undefined, { cookie })).statusCode).toBe(403);
  });

  it('has a franchisee whose first link expired and a supplier with too few comments for verbatims', async () => {
    expect((await api('POST', `/api/v1/public/partner-reports/${DEMO_PARTNER_TOKEN}-expired/unlock`, { passcode: DEMO_PARTNER_PASSCODE })).statusCode).toBe(410);
    const login = await api('POST', '/api/v1/auth/login', { email: 'admin@demo.lodestar.local', password: 'lodestar-demo', org: 'demo' });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const partners = (await api('GET', '/api/v1/partners', undefined, { cookie })).json().items as Array<{ id: string; name: string; kind: string; responses90d: number }>;
    expect(partners.map((p) => p.kind).sort()).toEqual(['franchisee', 'logistics', 'supplier']);
    const supplier = partners.find((p) => p.kind === 'supplier')!;
    const report = (await api('GET', `/api/v1/partners/${supplier.id}/report?days=90`, undefined, { cookie })).json();
    expect(report).toMatchObject({ comments: 6, verbatimsShown: false, verbatims: [] });
    expect(report.metrics.nps.answers).toBe(8);
    const franchisee = partners.find((p) => p.kind === 'franchisee')!;
    expect(franchisee.responses90d).toBeGreaterThan(10);
  });
});
