import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser, type TestOrg } from '../testing/factories.ts';
import { fillPath, isIdParam, listRoutes, minimalBody, recordIds, type RouteInfo } from '../testing/routes.ts';
import { createTestApp } from '../testing/test-app.ts';
import { observeTenantQueries } from './db/database.ts';
import { distributedTables, tablesWithoutOrgPredicate } from './db/tenant-predicates.ts';

// Tenant isolation from the schema up to every route, roles and data scope, and the session rules.

const t = await createTestApp();
afterAll(() => t.close());

// Every statement the app runs in a tenant transaction through this file's seeding and route sweep must name its
// organisation (Citus routes on it; RLS alone would send it to every shard). The test's own deliberately unscoped
// statements below are left out by their caller.
const distributed = await distributedTables(t.ctx.db);
const unroutable = new Map<string, string[]>();
const stopObserving = observeTenantQueries((sql) => {
  const tables = tablesWithoutOrgPredicate(sql, distributed);
  if (tables.length === 0) return;
  const caller = new Error().stack?.split('\n').find((frame) => frame.includes('/src/') && !frame.includes('/platform/db/database.ts'));
  if (caller?.includes('.test.ts')) return;
  unroutable.set(sql.replace(/\s+/g, ' ').trim(), tables);
});
afterAll(stopObserving);

const SESSION_COOKIE = '__Host-lodestar_session';
let ipCounter = 0;
/** A fresh client address per login: the login rate limit counts per address. */
const nextIp = () => `10.1.${(++ipCounter >> 8) & 255}.${ipCounter & 255}`;

type Staff = { employeeId: string; key: string };
interface Tenant {
  org: TestOrg;
  /** Part of every name in the organisation, so a leak of its data into a response is easy to spot. */
  marker: string;
  units: { region: string; store: string; other: string };
  manager: Staff;
  staff: Staff;
  outsider: Staff;
  partnerKey: string;
  admin: { email: string; password: string };
  session: { cookie: string; csrf: string };
}

/** Sends one request through the whole server. */
const send = (o: InjectOptions) => t.app.inject(o);

/** Logs in from a fresh address; the session cookie (as a `cookie` header value) and the CSRF token. */
async function login(creds: { email: string; password: string }) {
  const res = await send({ method: 'POST', url: '/api/v1/auth/login', payload: creds, remoteAddress: nextIp() });
  expect(res.statusCode, res.body).toBe(200);
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  return { cookie: `${c!.name}=${c!.value}`, csrf: res.json().csrfToken as string, raw: c!, token: c!.value };
}

/** An organisation with a three-level unit tree, a manager, staff in and out of the manager's subtree, a partner key and a logged-in admin. */
async function buildTenant(label: string): Promise<Tenant> {
  const marker = `${label}-${randomUUID().slice(0, 8)}`;
  const org = await buildOrg(t.ctx, marker);
  const post = async (url: string, payload: object) => {
    const res = await send({ method: 'POST', url, headers: bearer(org.adminKey), payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const region = (await post('/api/v1/units', { name: `${marker} region`, parentId: org.rootUnitId, kind: 'region' })).id;
  const store = (await post('/api/v1/units', { name: `${marker} store`, parentId: region, kind: 'store' })).id;
  const other = (await post('/api/v1/units', { name: `${marker} other`, parentId: org.rootUnitId, kind: 'store' })).id;
  await post('/api/v1/positions', { name: `${marker} courier`, authority: { compensationLimit: 200, currency: 'CNY', compensationTypes: ['refund'], exemptionAllowed: true } });
  const manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: region, name: `${marker} manager` });
  const staff = await buildEmployeeWithKey(t.ctx, org, { unitId: store, managerId: manager.employeeId, name: `${marker} staff` });
  const outsider = await buildEmployeeWithKey(t.ctx, org, { unitId: other, name: `${marker} outsider` });
  const partnerKey = (await post('/api/v1/api-keys', { role: 'partner', name: `${marker} partner` })).key;
  const admin = await buildUser(t.ctx, org);
  const session = await login(admin);
  return { org, marker, units: { region, store, other }, manager, staff, outsider, partnerKey, admin, session };
}

/** One record of every kind a create route makes from its smallest body (kinds added by later modules included); refusals are ignored. */
async function seedEveryKind(tenant: Tenant): Promise<void> {
  for (const route of listRoutes(t.app).filter((r) => r.method === 'POST' && !r.isPublic && !r.params.length && r.hasBody && !r.url.startsWith('/api/v1/auth/'))) {
    const payload = minimalBody(route.bodySchema, tenant.org.rootUnitId, `${tenant.marker} seed`) as object;
    await send({ method: 'POST', url: route.url, headers: bearer(tenant.org.adminKey), payload });
  }
}

const A = await buildTenant('alpha');
const B = await buildTenant('bravo');
await seedEveryKind(A);
await seedEveryKind(B);
const bIds = await recordIds(t.ctx.db, B.org.orgId);
const revokedKey = (await send({ method: 'POST', url: '/api/v1/api-keys', headers: bearer(A.org.adminKey), payload: { role: 'admin', name: 'revoked' } })).json();
await send({ method: 'DELETE', url: `/api/v1/api-keys/${revokedKey.id}`, headers: bearer(A.org.adminKey) });
const routes = listRoutes(t.app);
const named = (rs: RouteInfo[]) => rs.map((r) => [`${r.method} ${r.url}`, r] as const);

/** Fails when a response body carries any id, name or e-mail of org B. */
function expectNoTraceOfB(body: string, label: string): void {
  expect(body.toLowerCase(), label).not.toContain(B.marker.toLowerCase());
  for (const id of bIds) expect(body, `${label}: org B id ${id}`).not.toContain(id);
  expect(body, label).not.toContain(B.admin.email);
}

describe('schema', () => {
  it('puts every tenant table under row-level security with org_id first in its primary key', async () => {
    const tables = await t.ctx.db.system((tx) =>
      tx.query<{ name: string; rls: boolean; policies: number; scoped: number; pk_first: string | null }>(
        `SELECT c.relname AS name, c.relrowsecurity AS rls,
           (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies,
           (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
              AND p.qual LIKE '%app_org_id()%') AS scoped,
           (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
              WHERE i.indrelid = c.oid AND i.indisprimary) AS pk_first
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migrations'
           AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)
         ORDER BY 1`,
      ),
    );
    expect(tables.map((x) => x.name)).toEqual(expect.arrayContaining(['api_keys', 'audit_log', 'employees', 'sessions', 'units', 'users']));
    for (const table of tables) expect({ ...table, policies: table.policies > 0, scoped: table.scoped > 0 }).toEqual({ ...table, rls: true, policies: true, scoped: true, pk_first: 'org_id' });
  });

  it('has no table without org_id besides the organisations, the migration log and the rate-limit counters, each declared global for Citus', async () => {
    const rows = await t.ctx.db.system((tx) =>
      tx.query<{ name: string; note: string | null }>(
        `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS note FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
           AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'org_id' AND NOT a.attisdropped)`,
      ),
    );
    expect(rows.map((r) => r.name).sort()).toEqual(['organisations', 'rate_limits', 'schema_migrations']);
    for (const row of rows) expect(row.note, row.name).toMatch(/^citus:(reference|local)/);
  });

  it('runs tenant work as a role that is no superuser, cannot bypass RLS and owns no table', async () => {
    const [role] = await t.ctx.db.tenant(A.org.orgId, (tx) =>
      tx.query<{ rolsuper: boolean; rolbypassrls: boolean; owned: number }>(
        `SELECT r.rolsuper, r.rolbypassrls,
           (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p')) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
      ),
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owned: 0 });
  });
});

describe('row-level security', () => {
  it.each(['units', 'employees', 'users', 'api_keys', 'audit_log', 'sessions', 'positions'])('an unscoped SELECT * FROM %s shows only the tenant’s rows', async (table) => {
    const rows = await t.ctx.db.tenant(A.org.orgId, (tx) => tx.query<{ org_id: string }>(`SELECT * FROM ${table}`));
    const [inB] = await t.ctx.db.tenant(B.org.orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`));
    expect({ inA: rows.length > 0, inB: inB!.n > 0 }).toEqual({ inA: true, inB: true });
    expect(new Set(rows.map((r) => r.org_id))).toEqual(new Set([A.org.orgId]));
  });

  it('shows only the tenant’s organisation and changes no row of another', async () => {
    await t.ctx.db.tenant(A.org.orgId, async (tx) => {
      expect((await tx.query<{ id: string }>('SELECT id FROM organisations')).map((o) => o.id)).toEqual([A.org.orgId]);
      expect(await tx.query(`UPDATE units SET name = 'taken' WHERE org_id = $1 RETURNING id`, [B.org.orgId])).toEqual([]);
      expect(await tx.query(`DELETE FROM api_keys WHERE org_id = $1 RETURNING id`, [B.org.orgId])).toEqual([]);
    });
  });

  it.each([
    ['units', `INSERT INTO units (org_id, name, kind) VALUES ($1, 'planted', 'team')`],
    ['audit_log', `INSERT INTO audit_log (org_id, at, actor_type, action, entity_type) VALUES ($1, now(), 'system', 'planted', 'unit')`],
    ['organisations', `UPDATE organisations SET name = 'taken' WHERE id = $1 RETURNING id`],
  ])('refuses to write org B’s rows into %s from org A’s transaction', async (_table, sql) => {
    const attempt = t.ctx.db.tenant(A.org.orgId, async (tx) => {
      const rows = await tx.query(sql, [B.org.orgId]);
      if (sql.startsWith('UPDATE') && rows.length === 0) throw new Error('no row visible');
    });
    await expect(attempt).rejects.toThrow(/row-level security|no row visible/);
  });
});

describe('cross-tenant route sweep', () => {
  const idRoutes = routes.filter((r) => !r.isPublic && r.params.some(isIdParam));
  it('finds routes with id parameters to sweep', () => expect(idRoutes.length).toBeGreaterThanOrEqual(7));
  it.each(named(idRoutes))('%s with org B’s ids answers org A 404 or 403', async (name, route) => {
    for (const id of bIds) {
      const url = fillPath(route, (p) => (isIdParam(p) ? id : 'x'));
      const payload = route.hasBody ? (minimalBody(route.bodySchema, A.org.rootUnitId) as object) : undefined;
      const res = await send({ method: route.method, url, headers: bearer(A.org.adminKey), payload });
      expect([403, 404], `${name} ${id}: ${res.body}`).toContain(res.statusCode);
      expectNoTraceOfB(res.body, url);
    }
  });

  it.each(named(routes.filter((r) => r.method === 'GET' && !r.isPublic && !r.isStream && !r.params.length)))('%s never lists org B’s records to org A', async (name, route) => {
    for (const auth of [{ headers: bearer(A.org.adminKey) }, { headers: { cookie: A.session.cookie } }]) {
      const plain = await send({ method: 'GET', url: route.query.includes('limit') ? `${route.url}?limit=500` : route.url, ...auth });
      expect(plain.statusCode, plain.body).toBeLessThan(500);
      expectNoTraceOfB(plain.body, name);
      for (const q of route.query.filter(isIdParam)) {
        for (const id of bIds) {
          const res = await send({ method: 'GET', url: `${route.url}?${q}=${id}`, ...auth });
          expectNoTraceOfB(res.body, `${name}?${q}=${id}`);
        }
      }
    }
  });

  it('left org B’s records, keys and sessions as they were', async () => {
    expect(await recordIds(t.ctx.db, B.org.orgId)).toEqual(expect.arrayContaining(bIds));
    const units = await send({ method: 'GET', url: '/api/v1/units?limit=500', headers: bearer(B.org.adminKey) });
    expect(units.statusCode).toBe(200);
    expect(units.json().items.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining([`${B.marker} region`, `${B.marker} store`]));
    const keys = await t.ctx.db.tenant(B.org.orgId, (tx) => tx.query(`SELECT id FROM api_keys WHERE revoked_at IS NOT NULL`));
    expect(keys).toEqual([]);
    expect((await send({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: B.session.cookie } })).statusCode).toBe(200);
  });
});

describe('authentication on every route', () => {
  const nonPublic = routes.filter((r) => !r.isPublic);
  const credentials: [string, Record<string, string>][] = [
    ['no credentials', {}],
    ['a malformed bearer', { authorization: 'Bearer nope' }],
    ['an unknown key', { authorization: `Bearer lsk_${randomUUID()}_${'a'.repeat(43)}` }],
    ['a known key id with a wrong secret', { authorization: `Bearer ${A.org.adminKey.slice(0, -4)}AAAA` }],
    ['a revoked key', { authorization: `Bearer ${revokedKey.key}` }],
    ['basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['a forged session cookie', { cookie: `${SESSION_COOKIE}=forged` }],
  ];

  it.each(named(nonPublic))('%s answers 401 unauthorized to anyone unauthenticated', async (name, route) => {
    const url = fillPath(route, () => randomUUID());
    const payload = route.hasBody ? (minimalBody(route.bodySchema, randomUUID()) as object) : undefined;
    for (const [label, headers] of credentials) {
      const res = await send({ method: route.method, url, headers, payload });
      expect([res.statusCode, res.json().error?.code], `${name} with ${label}`).toEqual([401, 'unauthorized']);
    }
    // A percent-encoded spelling of the same route must meet the same door.
    const sneaky = await send({ method: route.method, url: url.replace('/api/', '/%61pi/'), payload });
    expect([sneaky.statusCode, sneaky.json().error?.code], `${name} via /%61pi/`).toEqual([401, 'unauthorized']);
  });

  it.each(named(routes.filter((r) => r.isPublic)))('%s is public: it never asks for authentication', async (_name, route) => {
    const res = await send({ method: route.method, url: fillPath(route, () => randomUUID()), remoteAddress: nextIp(), payload: route.hasBody ? {} : undefined });
    expect(res.statusCode).toBeLessThan(500);
    const isJson = String(res.headers['content-type']).includes('json');
    if (res.statusCode >= 400 && isJson) expect(res.json().error?.code).not.toBe('unauthorized');
  });
});

describe('roles and data scope', () => {
  const as = (key: string, method: InjectOptions['method'], url: string, payload?: object) => send({ method, url, headers: bearer(key), payload });
  const idsIn = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((e) => e.id).sort();

  it('lets an employee read only their own record', async () => {
    const key = A.staff.key;
    expect((await as(key, 'GET', `/api/v1/employees/${A.staff.employeeId}`)).statusCode).toBe(200);
    for (const other of [A.manager.employeeId, A.outsider.employeeId]) {
      const res = await as(key, 'GET', `/api/v1/employees/${other}`);
      expect([res.statusCode, res.json().error.code]).toEqual([404, 'not_found']);
    }
    expect(idsIn(await as(key, 'GET', '/api/v1/employees?limit=500'))).toEqual([A.staff.employeeId]);
  });

  it('refuses every administrative write and read to employee and manager keys with 403', async () => {
    const writes: [InjectOptions['method'], string, object?][] = [
      ['POST', '/api/v1/units', { name: 'x', parentId: A.org.rootUnitId, kind: 'team' }],
      ['PATCH', `/api/v1/units/${A.units.store}`, { name: 'renamed' }],
      ['POST', '/api/v1/positions', { name: 'x', authority: { compensationLimit: 1e6, currency: 'CNY', compensationTypes: [], exemptionAllowed: true } }],
      ['PATCH', `/api/v1/positions/${A.org.positionId}`, { authority: { compensationLimit: 1e6 } }],
      ['POST', '/api/v1/employees', { name: 'x', unitId: A.units.store, positionId: A.org.positionId }],
      ['PATCH', `/api/v1/employees/${A.staff.employeeId}`, { managerId: null, unitId: A.org.rootUnitId }],
      ['POST', '/api/v1/api-keys', { role: 'admin', name: 'escalate' }],
      ['DELETE', `/api/v1/api-keys/${revokedKey.id}`],
      ['POST', '/api/v1/users', { email: 'escalate@example.com', password: 'long enough password', role: 'admin' }],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/api-keys'],
      ['GET', '/api/v1/audit-log'],
    ];
    for (const key of [A.staff.key, A.manager.key]) {
      for (const [method, url, payload] of writes) {
        const res = await as(key, method, url, payload);
        expect([res.statusCode, res.json().error?.code], `${method} ${url}`).toEqual([403, 'forbidden']);
      }
    }
  });

  it('shows a manager only the employees of their unit subtree', async () => {
    const key = A.manager.key;
    expect(idsIn(await as(key, 'GET', '/api/v1/employees?limit=500'))).toEqual([A.manager.employeeId, A.staff.employeeId].sort());
    expect((await as(key, 'GET', `/api/v1/employees/${A.staff.employeeId}`)).statusCode).toBe(200);
    expect((await as(key, 'GET', `/api/v1/employees/${A.outsider.employeeId}`)).statusCode).toBe(404);
    expect(idsIn(await as(key, 'GET', `/api/v1/employees?unitId=${A.units.other}`))).toEqual([]);
  });

  it('gives a partner key no staff data', async () => {
    for (const url of ['/api/v1/units', '/api/v1/employees', `/api/v1/employees/${A.staff.employeeId}`]) {
      expect((await as(A.partnerKey, 'GET', url)).statusCode, url).toBe(403);
    }
  });
});

describe('tenant statements', () => {
  it('name their organisation (org_id = $n) in everything the seeding and the sweep ran, as Citus needs to route them', () => {
    expect(distributed.size).toBeGreaterThan(20);
    expect([...unroutable].map(([sql, tables]) => `${tables.join(', ')}: ${sql.slice(0, 300)}`)).toEqual([]);
  });
});
