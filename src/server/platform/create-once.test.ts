import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser, type TestOrg } from '../testing/factories.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { observeTenantQueries } from './db/database.ts';
import { distributedTables, tablesWithoutOrgPredicate } from './db/tenant-predicates.ts';

// Idempotency-Key on the create routes that share create-once.ts (capture and support requests are tested in
// their modules, with the concurrent case): a retry answers 201 with what the first created, and creates nothing.

let t: TestApp;
let org: TestOrg;
let employeeId: string;
let subscriberEmail: string;
/** Statements on create_keys Citus could not route (they must name their organisation, see tenant-predicates.ts). */
const unroutable: string[] = [];
let stopObserving: () => void;

beforeAll(async () => {
  t = await createTestApp();
  const distributed = await distributedTables(t.ctx.db);
  stopObserving = observeTenantQueries((sql) => {
    if (sql.includes('create_keys') && tablesWithoutOrgPredicate(sql, distributed).length > 0) unroutable.push(sql);
  });
  org = await buildOrg(t.ctx);
  employeeId = (await buildEmployeeWithKey(t.ctx, org, { name: '郭总' })).employeeId;
  subscriberEmail = (await buildUser(t.ctx, org, 'admin')).email;
});
afterAll(async () => {
  stopObserving();
  await t.close();
});

const post = (url: string, payload: object, key: string) =>
  t.app.inject({ method: 'POST', url, headers: { ...bearer(org.adminKey), 'idempotency-key': key }, payload });
/** Rows of the table, and audit-log entries, in the test's organisation. */
const counts = async (table: string) =>
  (await t.ctx.db.system((tx) =>
    tx.query<{ rows: number; logged: number }>(
      `SELECT (SELECT count(*)::int FROM ${table} WHERE org_id = $1) AS rows, (SELECT count(*)::int FROM audit_log WHERE org_id = $1) AS logged`,
      [org.orgId],
    ),
  ))[0]!;

/** Bodies are functions: the people and addresses they name exist only once beforeAll ran. */
const routes = [
  { url: '/api/v1/audits', table: 'experience_audits', body: () => ({ templateKey: 'experience-audit', title: '基线审计' }), other: () => ({ templateKey: 'experience-audit', title: '另一次' }) },
  {
    url: '/api/v1/listening-sessions',
    table: 'listening_sessions',
    body: () => ({ employeeId, kind: 'store_visit', scheduledAt: '2030-03-01T02:00:00.000Z' }),
    other: () => ({ employeeId, kind: 'customer_call', scheduledAt: '2030-03-01T02:00:00.000Z' }),
  },
  {
    url: '/api/v1/committee/meetings',
    table: 'committee_meetings',
    body: () => ({ title: '体验委员会三月例会', at: '2030-03-05T06:00:00.000Z', decisions: [{ title: '缩短等候', ownerId: employeeId, dueOn: '2030-04-01' }] }),
    other: () => ({ title: '另一次会议', at: '2030-03-05T06:00:00.000Z' }),
  },
  { url: '/api/v1/reports/monthly/subscriptions', table: 'report_subscriptions', body: () => ({ emails: [subscriberEmail], lang: 'en' }), other: () => ({ emails: [subscriberEmail], lang: 'zh-CN' }) },
];

describe('Idempotency-Key on creates', () => {
  it.each(routes)('$url: a retry answers the first result and creates nothing; another body is 422', async ({ url, table, body, other }) => {
    const first = await post(url, body(), `${table}-1`);
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts(table);
    const again = await post(url, body(), `${table}-1`);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await counts(table)).toEqual(before);
    const conflict = await post(url, other(), `${table}-1`);
    expect([conflict.statusCode, conflict.json().error.code]).toEqual([422, 'idempotency_conflict']);
    expect(await counts(table)).toEqual(before);
  });

  it('keeps key rows out of sight of every transaction but their own actor’s', async () => {
    const [all] = await t.ctx.db.system((tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM create_keys WHERE org_id = $1`, [org.orgId]));
    expect(all!.n).toBe(routes.length);
    const [seen] = await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM create_keys WHERE org_id = $1`, [org.orgId]));
    expect(seen!.n).toBe(0);
    expect(unroutable).toEqual([]);
  });
});
