import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../server/platform/clock.ts';
import { loadConfig } from '../server/platform/config.ts';
import type { AppContext } from '../server/platform/context.ts';
import { openDatabase, type OpenedDatabase } from '../server/platform/db/open-database.ts';
import { EventBus } from '../server/platform/events/index.ts';
import { JobRunner } from '../server/platform/jobs/index.ts';
import { KEY_CACHE_MS } from '../server/modules/access/index.ts';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser, type TestOrg } from '../server/testing/factories.ts';
import { createClusterDatabase, openEventStream, percentile, startNode, type AppNode, type ClusterDatabase } from './several-nodes.harness.ts';

// Two real server processes on one PostgreSQL database. PGlite is one process by design (a second one is
// refused, see cli.test.ts), so there is nothing to test there.
const PG_URL = process.env.DATABASE_URL;
const SAMPLES = 40;

describe.skipIf(!PG_URL)('several app nodes on one PostgreSQL database (PostgreSQL only: PGlite serves one process)', () => {
  let cluster: ClusterDatabase;
  let a: AppNode;
  let b: AppNode;
  let opened: OpenedDatabase;
  let org: TestOrg;
  let ctx: AppContext;

  beforeAll(async () => {
    cluster = await createClusterDatabase(PG_URL!);
    // Started together on an empty database: both migrate it, one at a time under the advisory lock.
    [a, b] = await Promise.all([startNode(cluster.url, 'a', { LODESTAR_NODE_PROBE: '1' }), startNode(cluster.url, 'b', { LODESTAR_NODE_PROBE: '1' })]);
    opened = await openDatabase({ DATABASE_URL: cluster.url, LODESTAR_DATA_DIR: '' });
    ctx = {
      db: opened.db,
      clock: systemClock,
      config: loadConfig({ ...process.env, DATABASE_URL: cluster.url }),
      events: new EventBus(opened.db, systemClock),
      jobs: new JobRunner(opened.db, systemClock),
    };
    org = await buildOrg(ctx);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await opened?.db.close();
    await cluster?.drop();
  }, 60_000);

  const call = async (node: AppNode, method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${node.base}${url}`, {
      method,
      headers: { authorization: `Bearer ${org.adminKey}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };

  it('brings a case opened on one node to a viewer on the other within 300 ms at p95', { timeout: 120_000 }, async () => {
    const survey = await call(a, 'POST', '/api/v1/surveys', { name: 'NPS', questions: [{ key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐', en: 'Recommend' } }] });
    expect(survey.status).toBe(201);
    const rule = await call(a, 'POST', '/api/v1/alert-rules', { name: 'detractor', when: { nps: { lte: 6 } }, then: { createCase: { priority: 'high' } } });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const viewer = await openEventStream(b.base, org.adminKey);
    try {
      const latencies: number[] = [];
      for (let i = 1; i <= SAMPLES + 3; i++) {
        const sentAt = performance.now();
        const posted = await call(a, 'POST', '/api/v1/responses', { surveyId: survey.body.id, answers: { nps: i % 7 } });
        expect(posted.status).toBe(201);
        const frame = await viewer.nth('case.created', i);
        expect(frame.data.payload.responseId).toBe(posted.body.id);
        if (i > 3) latencies.push(frame.at - sentAt); // the first few warm both nodes up
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const p50 = percentile(latencies, 50);
      const p95 = percentile(latencies, 95);
      console.log(`cross-node event latency (POST on node a → frame on node b's stream), ${SAMPLES} events: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
      expect(p95).toBeLessThan(300);
    } finally {
      viewer.close();
    }
  });

  it('refuses on the other node at once a key revoked on one, by deletion or by deactivating its user, though it sits in that node\'s cache', { timeout: 60_000 }, async () => {
    const units = (node: AppNode, key: string) => fetch(`${node.base}/api/v1/units`, { headers: bearer(key) }).then((r) => r.status);
    /** Asks `node` with `key` until it is refused; how long that took from `since`, or Infinity after `limitMs`. */
    const refusedAfter = async (node: AppNode, key: string, since: number, limitMs: number) => {
      while (performance.now() - since < limitMs) if ((await units(node, key)) === 401) return performance.now() - since;
      return Infinity;
    };

    // An API key revoked by an admin on node a.
    const created = await call(a, 'POST', '/api/v1/api-keys', { role: 'admin', name: 'revoked across nodes' });
    expect(created.status).toBe(201);
    expect(await units(b, created.body.key)).toBe(200); // b has verified it and trusts it for KEY_CACHE_MS
    const cachedAt = performance.now();
    expect((await call(a, 'DELETE', `/api/v1/api-keys/${created.body.id}`)).status).toBe(204);
    const revokedMs = await refusedAfter(b, created.body.key, performance.now(), 1_000);
    expect(revokedMs, 'node b still accepted the revoked key after 1 s').toBeLessThan(1_000);
    // Refused well within the cache's lifetime: the notification did it, not the cache running out.
    expect(performance.now() - cachedAt).toBeLessThan(KEY_CACHE_MS / 2);

    // A person deactivated by SCIM on node a: the key acting as their employee record.
    expect((await call(a, 'PUT', '/api/v1/sso/scim', { defaultRole: 'employee', defaultUnitId: org.rootUnitId, defaultPositionId: org.positionId })).status).toBe(200);
    const scimToken = (await call(a, 'POST', '/api/v1/sso/scim/token')).body.token as string;
    const staff = await buildEmployeeWithKey(ctx, org, { role: 'manager' });
    const person = await buildUser(ctx, org, 'manager', staff.employeeId);
    const scim = (method: string, url: string, body: object) => call(a, method, `/scim/v2${url}`, body, { authorization: `Bearer ${scimToken}`, 'content-type': 'application/scim+json' });
    const adopted = await scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: person.email, active: true });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    expect(await units(b, staff.key)).toBe(200);
    const off = await scim('PATCH', `/Users/${adopted.body.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const deactivatedMs = await refusedAfter(b, staff.key, performance.now(), 1_000);
    expect(deactivatedMs, 'node b still accepted the deactivated user\'s key after 1 s').toBeLessThan(1_000);

    console.log(`cross-node key revocation (committed on node a → refused by node b): deleted key ${revokedMs.toFixed(0)} ms, deactivated user's key ${deactivatedMs.toFixed(0)} ms`);
  });

  it('runs each turn of a recurring job on exactly one node, though both nodes schedule and poll it', { timeout: 60_000 }, async () => {
    const runs = async () => (await opened.db.system((tx) => tx.query<{ node: string; due_at: Date }>(`SELECT node, due_at FROM probe_runs ORDER BY ran_at`)));
    const deadline = Date.now() + 40_000;
    while ((await runs()).length < 8 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const all = await runs();
    expect(all.length).toBeGreaterThanOrEqual(8);
    const turns = all.map((r) => r.due_at.toISOString());
    expect(new Set(turns).size, `a turn ran twice: ${JSON.stringify(all)}`).toBe(turns.length);
    expect(new Set(all.map((r) => r.node))).toEqual(new Set(['a', 'b'])); // both competed for it
    const rows = await opened.db.system((tx) => tx.query(`SELECT 1 FROM jobs WHERE name = 'test.cluster-probe'`));
    expect(rows).toHaveLength(1); // every() at both boots kept one row
  });

  it('holds the login rate limit across both nodes: ten tries a minute in all, not ten on each', { timeout: 120_000 }, async () => {
    const user = await buildUser(ctx, org);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const node = i % 2 === 0 ? a : b;
      const res = await fetch(`${node.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: `wrong ${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
    // The right password is refused too until the window ends: the limit is on tries, not on failures.
    const right = await fetch(`${b.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
    expect(right.status).toBe(429);
  });
});
