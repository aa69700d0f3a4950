import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildPrivacyFixture, type SeededCustomer } from '../../testing/privacy-fixtures.ts';

// Export and erasure on a real database (PGlite, or PostgreSQL with DATABASE_URL), through the HTTP API.
let t: TestApp;
let f: Awaited<ReturnType<typeof buildPrivacyFixture>>;
let alice: SeededCustomer;
let bob: SeededCustomer;
let otherOrg: Awaited<ReturnType<typeof buildPrivacyFixture>>;
let carol: SeededCustomer;
let ideaId: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildPrivacyFixture(t);
  alice = await f.seedCustomer('Alice', 9);
  bob = await f.seedCustomer('Bob', 6);
  // Staff quote customers in their own text: an idea citing Alice's comment and e-mail, which erasure must find.
  ideaId = (await f.ok('POST', '/api/v1/ideas', { title: '缩短收银排队', body: `顾客原话：“${alice.comments[1]}”（${alice.email}）。建议午高峰加开一个收银台。` })).id;
  otherOrg = await buildPrivacyFixture(t, await buildOrg(t.ctx));
  carol = await otherOrg.seedCustomer('Carol', 3);
}, 120_000);
afterAll(() => t?.close());

/** Every row of every table in the public schema, as text (the superuser's view, past row-level security). */
async function dumpDatabase(): Promise<Map<string, string>> {
  return t.ctx.db.system(async (tx) => {
    const tables = await tx.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    const dump = new Map<string, string>();
    for (const { name } of tables) {
      const rows = await tx.query<Record<string, unknown>>(`SELECT * FROM ${name}`);
      dump.set(name, rows.map((r) => JSON.stringify(r, (_k, v) => (v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v))).join('\n'));
    }
    return dump;
  });
}

/** The tables whose dump holds any of the values, with the value found. */
function findValues(dump: Map<string, string>, values: string[]): string[] {
  const hits: string[] = [];
  for (const [table, text] of dump) for (const v of values) if (text.includes(v)) hits.push(`${table}: ${v.slice(0, 40)}`);
  return hits;
}

const personalValues = (c: SeededCustomer) => [c.name, c.email, c.phone, `PRIV-${c.name.replace('测试客户', '')}`, ...c.comments, c.caseNote, `亲爱的${c.name}`];

const METRICS = ['nps', 'csat', 'sentiment', 'praise', 'fcr', 'resolution_time', 'response_rate'];
/** The metrics API over a period with partial days at both edges (raw rows read), and by day. */
async function metrics(): Promise<Record<string, unknown>> {
  const now = t.clock.now().getTime();
  const from = new Date(now - 40 * 3_600_000).toISOString();
  const to = new Date(now + 3_600_000).toISOString();
  const out: Record<string, unknown> = {};
  for (const m of METRICS) {
    for (const q of [`from=${from}&to=${to}`, `from=${from}&to=${to}&groupBy=day`, `groupBy=employee`]) {
      const res = await f.send('GET', `/api/v1/metrics/${m}?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      out[`${m}?${q}`] = res.json();
    }
  }
  return out;
}

describe('what is held about a customer', () => {
  it('previews counts of every kind and exports them all, audited without the content', async () => {
    const preview = await f.ok('GET', `/api/v1/privacy/customers/${alice.customerId}`);
    expect(preview.customer).toMatchObject({ id: alice.customerId, name: alice.name, email: alice.email, phone: alice.phone });
    expect(preview.counts).toMatchObject({ interactions: 2, responses: 9, comments: 9, textAnalyses: 9, surveyLinks: 1, messages: 1, thankYouCards: 1 });
    expect(preview.counts.cases).toBe(alice.caseIds.length);
    expect(preview.counts.caseNotes).toBeGreaterThanOrEqual(1);

    const res = await f.send('GET', `/api/v1/privacy/customers/${alice.customerId}/export`);
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json();
    expect(data.format).toBe('lodestar.customer-export.v1');
    expect(data.customer).toMatchObject({ id: alice.customerId, name: alice.name, email: alice.email, phone: alice.phone, external_id: 'PRIV-Alice' });
    expect(data.interactions.map((i: { id: string }) => i.id).sort()).toEqual([...alice.interactionIds].sort());
    expect(data.responses.map((r: { comment: string }) => r.comment).sort()).toEqual([...alice.comments].sort());
    expect(data.responses.every((r: { analysis: { sentiment: string } | null }) => r.analysis?.sentiment)).toBe(true);
    expect(JSON.stringify(data.cases)).toContain(alice.caseNote);
    expect(data.surveyLinks).toHaveLength(1);
    expect(data.surveyLinks.every((l: Record<string, unknown>) => !('token' in l))).toBe(true);
    expect(data.messages[0]).toMatchObject({ kind: 'invitation', recipient: alice.email });
    expect(data.thankYouCards[0].note).toContain(alice.name);
    expect(data.auditEntries.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['customer.created', 'interaction.created']));
    expect(JSON.stringify(data)).not.toContain(bob.name);

    const [entry] = await t.ctx.db.tenant(f.org.orgId, (tx) =>
      tx.query<{ action: string; entity_id: string; actor_type: string; before: unknown; after: unknown }>(
        `SELECT action, entity_id, actor_type, before, after FROM audit_log WHERE org_id = $1 AND action = 'privacy.customer_exported' ORDER BY id DESC LIMIT 1`,
        [f.org.orgId],
      ),
    );
    expect(entry).toEqual({ action: 'privacy.customer_exported', entity_id: alice.customerId, actor_type: 'api_key', before: null, after: null });
  });

  it('keeps customers’ values out of the audit log from the start: their entries name fields, not values', async () => {
    const rows = await t.ctx.db.tenant(f.org.orgId, (tx) =>
      tx.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE org_id = $1 AND entity_type = 'customer' AND entity_id = $2`, [f.org.orgId, bob.customerId]),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows).toContainEqual({ after: { fields: ['email', 'externalId', 'name', 'phone', 'segment'] } });
    expect(findValues(new Map([['audit_log', JSON.stringify(rows)]]), personalValues(bob))).toEqual([]);
  });

  it('rewrites audit entries written before migration 0030 so they hold no customer values', async () => {
    // The migration's rewrite, run again over entries shaped as the old code wrote them (the whole customer, a card's note).
    const migration = fs.readFileSync(new URL('../../../../migrations/0030_privacy.sql', import.meta.url), 'utf8');
    const rewrite = migration.slice(migration.indexOf('ALTER TABLE audit_log DISABLE'), migration.indexOf('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;') + 60);
    const old = { id: bob.customerId, name: bob.name, email: bob.email, phone: bob.phone, externalId: 'PRIV-Bob', segment: null, attributes: {} };
    await t.ctx.db.system(async (tx) => {
      for (const [action, after] of [['customer.created', old], ['thank_you_card.sent', { cardId: 'c1', note: `亲爱的${bob.name}` }]] as const) {
        await tx.query(`INSERT INTO audit_log (org_id, at, actor_type, action, entity_type, entity_id, after) VALUES ($1, now(), 'system', $2, 'customer', $3, $4)`, [
          f.org.orgId, action, bob.customerId, JSON.stringify(after),
        ]);
      }
      for (const statement of rewrite.split(/;\s*\n/).filter((x) => x.trim())) await tx.query(statement);
    });
    const rows = await t.ctx.db.tenant(f.org.orgId, (tx) =>
      tx.query<{ action: string; after: unknown }>(`SELECT action, after FROM audit_log WHERE org_id = $1 AND entity_id = $2 AND actor_type = 'system'`, [f.org.orgId, bob.customerId]),
    );
    expect(rows).toEqual([
      { action: 'customer.created', after: { fields: ['attributes', 'email', 'externalId', 'name', 'phone'] } },
      { action: 'thank_you_card.sent', after: { cardId: 'c1' } },
    ]);
    // And the log is append-only again.
    await expect(t.ctx.db.system((tx) => tx.query(`DELETE FROM audit_log WHERE org_id = $1`, [f.org.orgId]))).rejects.toThrow(/append-only/);
  });

  it('is for admins only, and another organisation’s customer is 404', async () => {
    const manager = await buildEmployeeWithKey(t.ctx, f.org, { role: 'manager' });
    for (const [method, url] of [
      ['GET', `/api/v1/privacy/customers/${alice.customerId}`],
      ['GET', `/api/v1/privacy/customers/${alice.customerId}/export`],
      ['POST', `/api/v1/privacy/customers/${alice.customerId}/erasure`],
      ['GET', '/api/v1/privacy/retention'],
      ['GET', '/api/v1/privacy/history'],
    ] as const) {
      const res = await f.send(method, url, undefined, manager.key);
      expect([res.statusCode, res.json().error.code], url).toEqual([403, 'forbidden']);
    }
    for (const [method, url] of [
      ['GET', `/api/v1/privacy/customers/${carol.customerId}`],
      ['GET', `/api/v1/privacy/customers/${carol.customerId}/export`],
      ['POST', `/api/v1/privacy/customers/${carol.customerId}/erasure`],
      ['GET', `/api/v1/privacy/customers/${alice.customerId}/export`],
    ] as const) {
      const key = url.includes(carol.customerId) ? f.org.adminKey : otherOrg.org.adminKey;
      const res = await f.send(method, url, undefined, key);
      expect([res.statusCode, res.json().error.code], url).toEqual([404, 'not_found']);
    }
    const unknown = await f.send('POST', `/api/v1/privacy/customers/00000000-0000-4000-8000-000000000000/erasure`);
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'not_found']);
    expect((await f.send('POST', `/api/v1/privacy/customers/not-a-uuid/erasure`)).statusCode).toBe(400);
  });
});

describe('erasure', () => {
  it('removes the customer’s values from every table and log, keeps every metric, and audits without values', async () => {
    const before = await metrics();
    const responsesBefore = await t.ctx.db.tenant(f.org.orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM responses WHERE org_id = $1`, [f.org.orgId]));
    expect(findValues(await dumpDatabase(), personalValues(alice)).length).toBeGreaterThan(10); // the search finds what is there

    const res = await t.app.inject({ method: 'POST', url: `/api/v1/privacy/customers/${alice.customerId}/erasure`, headers: bearer(f.org.adminKey) });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ customerId: alice.customerId, status: 'erased', repeated: false, counts: { responses: 9, interactions: 2, messages: 1, thankYouCards: 1 } });

    expect((await f.send('GET', `/api/v1/customers/${alice.customerId}`)).statusCode).toBe(404);
    expect((await f.send('GET', `/api/v1/privacy/customers/${alice.customerId}`)).statusCode).toBe(404);
    expect(findValues(await dumpDatabase(), personalValues(alice))).toEqual([]);
    expect(await metrics()).toEqual(before);
    const responsesAfter = await t.ctx.db.tenant(f.org.orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM responses WHERE org_id = $1`, [f.org.orgId]));
    expect(responsesAfter).toEqual(responsesBefore);
    // The idea stays, its quote of her gone.
    const [idea] = await t.ctx.db.tenant(f.org.orgId, (tx) => tx.query<{ body: string }>(`SELECT body FROM ideas WHERE org_id = $1 AND id = $2`, [f.org.orgId, ideaId]));
    expect(idea!.body).toBe('顾客原话：“[erased]”（[erased]）。建议午高峰加开一个收银台。');

    // The audit log says an erasure happened, by whom, of which customer id, with counts only.
    const [entry] = await t.ctx.db.tenant(f.org.orgId, (tx) =>
      tx.query<{ actor_type: string; entity_id: string; after: { counts: Record<string, number> } }>(
        `SELECT actor_type, entity_id, after FROM audit_log WHERE org_id = $1 AND action = 'privacy.customer_erased'`,
        [f.org.orgId],
      ),
    );
    expect(entry).toMatchObject({ actor_type: 'api_key', entity_id: alice.customerId, after: { counts: { responses: 9 } } });
    const history = await f.ok('GET', '/api/v1/privacy/history');
    expect(history.items[0]).toMatchObject({ action: 'customer_erased', customerRef: alice.customerId, actor: 'test admin' });
  });

  it('leaves other customers and the other organisation as they were', async () => {
    const dump = await dumpDatabase();
    for (const c of [bob, carol]) expect(findValues(dump, [c.name, c.email, c.phone, c.caseNote, ...c.comments]).length).toBeGreaterThan(c.comments.length);
    const bobs = await f.ok('GET', `/api/v1/privacy/customers/${bob.customerId}`);
    expect(bobs.counts).toMatchObject({ responses: 6, comments: 6, interactions: 2, messages: 1 });
    expect((await otherOrg.send('GET', `/api/v1/customers/${carol.customerId}`)).statusCode).toBe(200);
  });

  it('answers a repeated erasure with the first one’s result, doing nothing again', async () => {
    const res = await f.send('POST', `/api/v1/privacy/customers/${alice.customerId}/erasure`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ customerId: alice.customerId, repeated: true, counts: { responses: 9 } });
    const entries = await t.ctx.db.tenant(f.org.orgId, (tx) => tx.query(`SELECT 1 FROM audit_log WHERE org_id = $1 AND action = 'privacy.customer_erased'`, [f.org.orgId]));
    expect(entries).toHaveLength(1);
  });
});

describe('retention settings', () => {
  it('validates each limit with a machine-readable code and keeps what is not sent', async () => {
    for (const [body, field] of [
      [{ responsesMonths: -1 }, 'responsesMonths'],
      [{ commentsMonths: 0 }, 'commentsMonths'],
      [{ casesMonths: 121 }, 'casesMonths'],
    ] as const) {
      const res = await f.send('PUT', '/api/v1/privacy/retention', body);
      expect([res.statusCode, res.json().error.code, res.json().error.details?.field]).toEqual([400, 'retention_out_of_range', field]);
    }
    for (const body of [{ messagesMonths: 1.5 }, { sessionsMonths: '12' }, { unknownMonths: 3 }, []]) {
      const res = await f.send('PUT', '/api/v1/privacy/retention', body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
    expect(await f.ok('GET', '/api/v1/privacy/retention')).toMatchObject({ responsesMonths: null, lastRun: null });
    await f.ok('PUT', '/api/v1/privacy/retention', { responsesMonths: 24, commentsMonths: 12 });
    const saved = await f.ok('PUT', '/api/v1/privacy/retention', { commentsMonths: null, casesMonths: 6 });
    expect(saved).toMatchObject({ responsesMonths: 24, commentsMonths: null, casesMonths: 6, messagesMonths: null, sessionsMonths: null });
    // The history names the limits a change changed.
    expect((await f.ok('GET', '/api/v1/privacy/history')).items[0]).toMatchObject({ action: 'retention_updated', customerRef: null, details: { commentsMonths: null, casesMonths: 6 } });
    expect(Object.keys((await f.ok('GET', '/api/v1/privacy/history')).items[0].details).sort()).toEqual(['casesMonths', 'commentsMonths']);
  });
});
