import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo-org.ts';
import { seedDemo } from './seed-demo.ts';

let t: TestApp;
let orgId: string;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  orgId = (await seedDemo(t.ctx)).orgId;
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@demo.lodestar.local', password: DEMO_PASSWORD, org: 'demo' } });
  cookie = login.headers['set-cookie'] as string;
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { cookie } });
const q = <T>(sql: string) => t.ctx.db.tenant(orgId, (tx) => tx.query<T>(sql, [orgId]));

describe('demo experience audit and mystery shopping', () => {
  it('has a completed baseline with evidence, files and owned gaps, and a re-audit three months later that improved some items', async () => {
    const audits = (await get('/api/v1/audits?kind=audit')).json().items as Array<{ id: string; title: string; status: string; baselineAuditId: string | null; completedAt: string }>;
    expect(audits.map((a) => [a.title, a.status])).toEqual([
      ['全渠道体验审计 · 复审', 'completed'],
      ['全渠道体验审计 · 基线', 'completed'],
    ]);
    const [reaudit, baseline] = audits;
    expect(reaudit!.baselineAuditId).toBe(baseline!.id);
    const monthsApart = (Date.parse(reaudit!.completedAt) - Date.parse(baseline!.completedAt)) / (30 * 86_400_000);
    expect(monthsApart).toBeGreaterThan(2.5);
    expect(monthsApart).toBeLessThan(3.5);

    const detail = (await get(`/api/v1/audits/${baseline!.id}`)).json();
    const gaps = detail.items.filter((i: { isGap: boolean }) => i.isGap);
    expect(gaps.length).toBeGreaterThan(10);
    for (const g of gaps) expect([g.ownerId, g.dueAt].every(Boolean), g.key).toBe(true);
    expect(detail.items.flatMap((i: { attachments: unknown[] }) => i.attachments)).toHaveLength(2);
    expect(detail.items.filter((i: { improvementId: string | null }) => i.improvementId)).toHaveLength(2);

    const cmp = (await get(`/api/v1/audits/${reaudit!.id}/compare`)).json();
    const improved = cmp.rows.filter((r: { change: number }) => r.change > 0);
    expect(improved.length).toBeGreaterThanOrEqual(8);
    expect(cmp.rows.some((r: { change: number }) => r.change < 0)).toBe(true);
    const channels = cmp.areas.find((a: { key: string }) => a.key === 'channels');
    expect(channels.current.average).toBeGreaterThan(channels.baseline.average);
  });

  it('has mystery-shopping visits across every store over six months, some by external shoppers, feeding audit_score', async () => {
    const [v] = await q<{ n: number; stores: number; shoppers: number; months: number; open: number; links: number }>(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS n,
              count(DISTINCT unit_id) FILTER (WHERE touchpoint = 'store')::int AS stores,
              count(*) FILTER (WHERE conducted_by = 'shopper')::int AS shoppers,
              count(DISTINCT date_trunc('month', completed_at))::int AS months,
              count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status = 'open' AND link_token_hash IS NOT NULL)::int AS links
         FROM experience_audits WHERE org_id = $1 AND kind = 'mystery'`,
    );
    expect(v).toMatchObject({ stores: 5, open: 3, links: 1 });
    expect(v!.n).toBeGreaterThanOrEqual(40);
    expect(v!.shoppers).toBeGreaterThan(v!.n / 5);
    expect(v!.months).toBeGreaterThanOrEqual(6);

    const metric = (await get('/api/v1/metrics/audit_score')).json().rows[0];
    const [mean] = await q<{ avg: number }>(`SELECT avg(score_pct)::float8 AS avg FROM experience_audits WHERE org_id = $1 AND kind = 'mystery' AND status = 'completed'`);
    expect(metric.n).toBe(v!.n);
    expect(metric.value).toBeCloseTo(mean!.avg, 3);
    const byUnit = (await get('/api/v1/mystery-shopping/results')).json().rows as Array<{ unitNameEn: string; touchpoint: string; averageScore: number }>;
    const stores = byUnit.filter((r) => r.touchpoint === 'store');
    expect(stores[0]!.unitNameEn).toBe('Shanghai Pudong Store');
  });
});
