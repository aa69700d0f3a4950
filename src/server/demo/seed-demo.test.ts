import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { templateCount } from './demo-comments.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function loginAs(email: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD, org: 'demo' } });
  expect(res.statusCode).toBe(200);
  return { cookie: res.headers['set-cookie'] as string, info: res.json() };
}

describe('demo organisation', () => {
  it('is created once, with a unit tree at least three levels deep', async () => {
    const first = await seedDemo(t.ctx);
    const second = await seedDemo(t.ctx);
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, orgId: first.orgId });

    const { cookie } = await loginAs('admin@demo.lodestar.local');
    const units: { id: string; parentId: string | null; nameEn: string }[] = (
      await t.app.inject({ url: '/api/v1/units?limit=500', headers: { cookie } })
    ).json().items;
    const depth = (id: string | null): number => (id ? 1 + depth(units.find((u) => u.id === id)!.parentId) : 0);
    expect(Math.max(...units.map((u) => depth(u.id)))).toBeGreaterThanOrEqual(3);
    expect(units.every((u) => u.nameEn)).toBe(true);
  });

  it('has a courier who may compensate up to 200 CNY with exemption, and managers with more', async () => {
    const { cookie } = await loginAs('admin@demo.lodestar.local');
    const positions: { nameEn: string; authority: { compensationLimit: number; currency: string; exemptionAllowed: boolean } }[] = (
      await t.app.inject({ url: '/api/v1/positions', headers: { cookie } })
    ).json().items;
    const courier = positions.find((p) => p.nameEn === 'Courier')!;
    const storeManager = positions.find((p) => p.nameEn === 'Store manager')!;
    expect(courier.authority).toMatchObject({ compensationLimit: 200, currency: 'CNY', exemptionAllowed: true });
    expect(storeManager.authority.compensationLimit).toBeGreaterThan(courier.authority.compensationLimit);
  });

  it('gives each login its data scope: a store manager sees the store subtree, an employee themself', async () => {
    const admin = await loginAs('admin@demo.lodestar.local');
    const all = (await t.app.inject({ url: '/api/v1/employees?limit=500', headers: { cookie: admin.cookie } })).json().items;
    const manager = await loginAs('xuhui.manager@demo.lodestar.local');
    const mine = (await t.app.inject({ url: '/api/v1/employees?limit=500', headers: { cookie: manager.cookie } })).json().items;
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.length).toBeLessThan(all.length);
    const courier = await loginAs('zhang.wei@demo.lodestar.local');
    const self = (await t.app.inject({ url: '/api/v1/employees', headers: { cookie: courier.cookie } })).json().items;
    expect(self.map((e: { id: string }) => e.id)).toEqual([courier.info.user.employeeId]);
  });
});

describe('demo listening data', () => {
  const q = <T>(sql: string) => t.ctx.db.tenant(orgId, (tx) => tx.query<T>(sql, [orgId]));
  let orgId: string;
  beforeAll(async () => {
    orgId = (await seedDemo(t.ctx)).orgId;
  });

  it('has an active bilingual survey with responses over at least six months, and one with pages and logic', async () => {
    const surveys = await q<{ name: string; status: string }>(`SELECT name, status FROM surveys WHERE org_id = $1 ORDER BY created_at`);
    expect(surveys).toEqual([
      { name: '服务体验回访 / Service follow-up', status: 'active' },
      { name: '到店体验（分页与逻辑）/ Store visit (pages and logic)', status: 'active' },
    ]);
    // The logic survey's partial respondents stopped on page 2 or 3; none of them is a response.
    const [logic] = await q<{ completed: number; partial: number; leaked: number }>(
      `SELECT (SELECT count(*)::int FROM responses r WHERE r.org_id = s.org_id AND r.survey_id = s.id) AS completed,
              (SELECT count(*)::int FROM response_drafts d WHERE d.org_id = s.org_id AND d.survey_id = s.id) AS partial,
              (SELECT count(*)::int FROM responses r JOIN response_drafts d ON d.org_id = r.org_id AND d.id = r.id WHERE r.org_id = s.org_id) AS leaked
       FROM surveys s WHERE s.org_id = $1 AND s.name LIKE '到店体验%'`,
    );
    expect(logic).toEqual({ completed: 40, partial: 8, leaked: 0 });
    const [row] = await q<{ n: number; months: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT to_char(submitted_at, 'YYYY-MM'))::int AS months FROM responses WHERE org_id = $1`,
    );
    expect(row!.n).toBeGreaterThan(1000);
    expect(row!.months).toBeGreaterThanOrEqual(6);
  });

  it('invites customers after each new home delivery, but not about the seeded history', async () => {
    const triggers = await q<{ interaction_type: string; channel: string; invited: number }>(
      `SELECT interaction_type, channel, invited FROM survey_triggers WHERE org_id = $1`,
    );
    expect(triggers).toEqual([{ interaction_type: 'delivery', channel: 'sms', invited: 0 }]);
    await t.ctx.events.drain();
    const [sent] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_messages WHERE org_id = $1 AND kind = 'invitation'`);
    expect(sent!.n).toBe(0);
  }, 180_000); // the drain analyses every seeded comment and evaluates every rule

  it('has Chinese and English comments in many distinct wordings', async () => {
    const rows = await q<{ comment: string; lang: string }>(`SELECT comment, lang FROM responses WHERE org_id = $1 AND comment IS NOT NULL`);
    const zh = rows.filter((r) => /[\u4e00-\u9fff]{4}/.test(r.comment));
    const en = rows.filter((r) => r.lang === 'en' && /^[A-Z][\x20-\x7e]+$/.test(r.comment));
    expect(zh.length).toBeGreaterThan(en.length);
    expect(en.length).toBeGreaterThan(20);
    expect(new Set(rows.map((r) => r.comment)).size).toBeGreaterThan(200);
    expect(rows.some((r) => r.comment.includes('王芳'))).toBe(true);
    expect(templateCount()).toBeGreaterThanOrEqual(40);
  });

  it('scores Pudong lower than Xuhui, a correlation driver analysis can find', async () => {
    const rows = await q<{ name_en: string; mean: number }>(
      `SELECT s.name_en, avg(r.nps)::float AS mean FROM responses r
       JOIN units u ON u.org_id = r.org_id AND u.id = r.unit_id
       JOIN units s ON s.org_id = u.org_id AND s.id = CASE WHEN u.kind = 'team' THEN u.parent_id ELSE u.id END
       WHERE r.org_id = $1 AND s.kind = 'store' GROUP BY s.name_en`,
    );
    const mean = (name: string) => rows.find((r) => r.name_en === name)!.mean;
    expect(mean('Shanghai Pudong Store')).toBeLessThan(mean('Shanghai Xuhui Store') - 1);
  });

  it('joins every response to its interaction, with the interaction’s employee, unit and touchpoint', async () => {
    const [row] = await q<{ joined: number; mismatched: number }>(
      `SELECT count(*)::int AS joined,
         count(*) FILTER (WHERE r.employee_id IS DISTINCT FROM i.employee_id OR i.employee_id IS NULL
           OR r.unit_id IS DISTINCT FROM i.unit_id OR r.touchpoint IS DISTINCT FROM i.touchpoint)::int AS mismatched
       FROM responses r JOIN interactions i ON i.org_id = r.org_id AND i.id = r.interaction_id WHERE r.org_id = $1`,
    );
    expect(row!.joined).toBeGreaterThan(1000);
    expect(row!.mismatched).toBe(0);
  });
});

describe('demo closed loop', () => {
  let orgId: string;
  beforeAll(async () => {
    orgId = (await seedDemo(t.ctx)).orgId;
  });
  const q = <T>(sql: string) => t.ctx.db.tenant(orgId, (tx) => tx.query<T>(sql, [orgId]));

  it('has the default alert rule and cases in every state, one awaiting approval and one with an overdue exemption report', async () => {
    const rules = await q<{ conditions: unknown; actions: { createCase: { priority: string } } }>(`SELECT conditions, actions FROM alert_rules WHERE org_id = $1`);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.conditions).toMatchObject({ match: 'any', nps: { lte: 6 }, csat: { lte: 2 } });
    const statuses = await q<{ status: string }>(`SELECT DISTINCT status FROM cases WHERE org_id = $1`);
    expect(statuses.map((s) => s.status).sort()).toEqual(['acknowledged', 'closed', 'in_progress', 'new', 'resolved']);
    const [counts] = await q<{ compensated: number; pending: number; overdue: number; escalated: number }>(
      `SELECT (SELECT count(DISTINCT case_id)::int FROM compensations WHERE org_id = $1) AS compensated,
              (SELECT count(*)::int FROM approval_requests WHERE org_id = $1 AND status = 'pending') AS pending,
              (SELECT count(*)::int FROM exemptions WHERE org_id = $1 AND overdue_at IS NOT NULL AND reported_at IS NULL) AS overdue,
              (SELECT count(*)::int FROM cases WHERE org_id = $1 AND escalation_level > 0) AS escalated`,
    );
    expect(counts).toMatchObject({ pending: 1, overdue: 1 });
    expect(counts!.compensated).toBeGreaterThanOrEqual(3);
    expect(counts!.escalated).toBeGreaterThanOrEqual(1);
    // The courier's case list shows their own cases, and those waiting in their team's queue for someone to claim.
    const courier = await loginAs('zhang.wei@demo.lodestar.local');
    const mine = (await t.app.inject({ url: '/api/v1/cases', headers: { cookie: courier.cookie } })).json().items;
    expect(mine.length).toBeGreaterThanOrEqual(3);
    const me = courier.info.user.employeeId;
    expect(mine.every((c: { ownerId: string | null; employeeId: string }) => c.ownerId === me || c.employeeId === me || c.ownerId === null)).toBe(true);
    expect(mine.some((c: { ownerId: string | null }) => c.ownerId === null)).toBe(true);
  });
});
