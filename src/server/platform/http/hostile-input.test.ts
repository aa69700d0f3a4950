import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser } from '../../testing/factories.ts';
import { fieldPaths, fillPath, isIdParam, isWrite, listRoutes, recordIds, type JsonSchemaNode, type RouteInfo } from '../../testing/routes.ts';
import { createTestApp } from '../../testing/test-app.ts';

// Random and hostile input at every write endpoint, as an admin API key. The server must answer
// every request with a 4xx in the API's error format (or a success), never a 5xx, never database text.

const t = await createTestApp();
afterAll(async () => {
  console.log(`fuzz cases run: ${casesRun}`, JSON.stringify(statusCounts));
  await t.close();
});

const org = await buildOrg(t.ctx);
const ownKeyId = /^lsk_([0-9a-f-]{36})_/.exec(org.adminKey)![1]!;
await seedRecords();
// Every record id of the caller's organisation except the caller's own key (revoking it would end the run).
const ids = (await recordIds(t.ctx.db, org.orgId)).filter((id) => id !== ownKeyId);
// The error format is the REST API's; HTML pages (the public survey form) answer in HTML.
const apiRoutes = listRoutes(t.app).filter((r) => r.url.startsWith('/api/'));
const writeRoutes = apiRoutes.filter(isWrite);
const readRoutes = apiRoutes.filter((r) => r.method === 'GET' && !r.isPublic && !r.isStream);
const routeIds = new Map(await Promise.all(writeRoutes.map(async (r) => [r, await idsFor(r)] as const)));
// Runs per property and route; the whole file stays near 30 s on PGlite as routes are added.
const RUNS = Number(process.env.FUZZ_RUNS) || Math.min(60, Math.max(10, Math.floor(600 / writeRoutes.length)));
const MB = 1024 * 1024;
const LEAKS = /violates|relation|syntax error|sqlstate|pg_|column/i;
let casesRun = 0;
/** Answers by status, so a run that never gets past validation shows. */
const statusCounts: Record<string, number> = {};

/** A JSON fragment copied verbatim into the body text (raw `__proto__` keys, `-0`, `1e400`, deep nesting). */
class Raw {
  constructor(readonly text: string) {}
}

/** Records of every kind the API addresses by id, so path and body ids hit real rows. */
async function seedRecords(): Promise<void> {
  const store = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer(org.adminKey), payload: { name: '门店', parentId: org.rootUnitId, kind: 'store' } });
  const manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: store.json().id });
  const staff = await buildEmployeeWithKey(t.ctx, org, { managerId: manager.employeeId, unitId: store.json().id });
  const user = await buildUser(t.ctx, org, 'employee', staff.employeeId);
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: user, remoteAddress: '10.255.0.1' });
}

/** Ids the route's own collection lists (a GET on its path without the last parameter), else every id. */
async function idsFor(route: RouteInfo): Promise<string[]> {
  const list = route.url.replace(/\/:[^/]+$/, '');
  if (list === route.url) return ids;
  const res = await t.app.inject({ method: 'GET', url: list, headers: bearer(org.adminKey) });
  const items: { id?: unknown }[] = res.statusCode === 200 ? (res.json().items ?? []) : [];
  const own = items.map((i) => i.id).filter((id): id is string => typeof id === 'string' && id !== ownKeyId);
  return own.length ? own : ids;
}

/** JSON text of a value in which `Raw` fragments are copied verbatim. */
function toJson(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Sends one request (counted) and checks the answer; throws with the request and answer when it is wrong. */
async function fire(route: RouteInfo, url: string, payload?: string | Buffer, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  casesRun++;
  const options: InjectOptions = {
    method: route.method,
    url,
    headers: { ...bearer(org.adminKey), ...headers },
    payload,
    // A fresh address per request keeps the login rate limit out of the way of the fuzzing.
    remoteAddress: `10.${(casesRun >> 16) & 255}.${(casesRun >> 8) & 255}.${casesRun & 255}`,
  };
  const res = await t.app.inject(options);
  statusCounts[res.statusCode] = (statusCounts[res.statusCode] ?? 0) + 1;
  const problem = checkAnswer(res);
  if (problem) {
    throw new Error(`${route.method} ${url.slice(0, 200)} ${JSON.stringify(headers)} body ${String(payload).slice(0, 300)}\n→ ${res.statusCode} ${res.body.slice(0, 500)}\n${problem}`);
  }
  return res;
}

/** What is wrong with an answer, or null: a 5xx, an error outside the format, database text. */
function checkAnswer(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return 'server error';
  if (res.statusCode < 400) return null;
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown } };
  try {
    body = res.json();
  } catch {
    return 'error body is not JSON';
  }
  const e = body.error;
  if (!e || typeof e.code !== 'string' || !/^[a-z_]+$/.test(e.code) || typeof e.message !== 'string') return 'error body out of format';
  if (LEAKS.test(e.message)) return 'database text in the message';
  const issues = (e.details as { issues?: { message?: string }[] } | undefined)?.issues ?? [];
  if (issues.some((i) => LEAKS.test(i.message ?? ''))) return 'database text in the details';
  return null;
}

const SQLISH = ["' OR '1'='1", "'; DROP TABLE units; --", '$1', '\\', '%_', '$$', 'E\'\\x00\''];
const HOSTILE_CONSTANTS: unknown[] = [
  '\u0000', 'a\u0000b', '', ' ', '\t\r\n', 2 ** 31, 2 ** 32, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, 1e308, -1e308, 5e-324, 0.1 + 0.2,
  'NaN', 'Infinity', '-0', '1e309', true, false, null, [], {}, [null], { a: 1 }, [[[[[]]]]],
  '华东大区 🚚', '😀'.repeat(500), '\u202eevil', 'e\u0301', '\ud800', '\udfff', '\ufeff', '<script>alert(1)</script>', '../../etc/passwd',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'x'.repeat(MB - 300), 'y'.repeat(100_000),
  ...SQLISH,
  new Raw('-0'), new Raw('1e400'), new Raw('-1e400'), new Raw('123456789012345678901234567890'), new Raw('1e-400'),
  new Raw('{"__proto__":{"role":"admin","polluted":true}}'), new Raw('{"constructor":{"prototype":{"polluted":true}}}'),
  new Raw('"\\u0000"'), new Raw('{"a\\u0000":1}'), new Raw('['.repeat(20_000) + ']'.repeat(20_000)),
  new Raw(`[${'1,'.repeat(99_999)}1]`), new Raw(JSON.stringify(Array.from({ length: 90_000 }, () => 'refund'))),
];

/** A hostile value for one field: edge numbers, NUL, huge, deep, wrong types, unicode, real and fake ids. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS) },
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.uuid(),
  fc.constantFrom(...ids),
);

/** Values that mostly satisfy a body schema, so requests get past validation into services and SQL; one field in eight is hostile. */
function guided(s: JsonSchemaNode | undefined): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 7, arbitrary: validFor(s) }, { weight: 1, arbitrary: hostileValue });
}

/** A value of the schema's shape (enum members, real ids, e-mails, in-range numbers). */
function validFor(s: JsonSchemaNode | undefined): fc.Arbitrary<unknown> {
  if (!s) return fc.anything();
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  if (alternatives.length) return fc.oneof(...alternatives.map(validFor));
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  const value = ((): fc.Arbitrary<unknown> => {
    if (type === 'object' || s.properties) {
      const shape = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, c]) => [k, guided(c)]));
      return fc.record(shape, { requiredKeys: (s.required ?? []).filter((k) => k in shape) });
    }
    if (type === 'array') return fc.array(guided(s.items), { maxLength: 6 });
    if (type === 'number' || type === 'integer') return fc.oneof(fc.integer({ min: -5, max: 10_000_000 }), fc.double({ min: -1, max: 2e7, noNaN: true }));
    if (type === 'boolean') return fc.boolean();
    if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
    if (s.format === 'email') return fc.oneof(fc.emailAddress(), fc.uuid().map((u) => `${u.slice(0, 8)}@example.com`));
    if (s.pattern) return fc.constantFrom('CNY', 'USD', 'EUR', 'cny', 'C1Y');
    return fc.string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(s.maxLength ?? 60, 40) });
  })();
  return s.nullable ? fc.option(value, { nil: null }) : value;
}

/** An object built from some of the endpoint's own field names (nested ones too), each given a hostile value. */
function fieldsBody(route: RouteInfo): fc.Arbitrary<string> {
  const paths = fieldPaths(route.bodySchema);
  if (!paths.length) return fc.dictionary(fc.string(), hostileValue, { maxKeys: 4 }).map(toJson);
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...paths), hostileValue), { minLength: 1, maxLength: 6, selector: ([p]) => p.join('.') })
    .map((entries) => toJson(entries.reduce((body, [path, v]) => setPath(body, path, v), {} as Record<string, unknown>)));
}

/** Sets `value` at `path` inside `obj`, creating objects on the way; returns `obj`. */
function setPath(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  let at = obj;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    at = (at[key] = next !== null && typeof next === 'object' && !(next instanceof Raw) && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
  return obj;
}

/** A path parameter: mostly real ids (of the route's own collection), else random and odd strings. */
const paramValue = (route: RouteInfo) => fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...routeIds.get(route)!) },
  fc.constantFrom(...ids),
  fc.uuid(),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('', ' ', '%', '..', 'null', '0', '-1', '1e308', '\u0000', '00000000-0000-0000-0000-000000000000', ...SQLISH),
);

/** Runs `body` as a property: every generated body is sent with generated path parameters. */
function fuzzBodies(route: RouteInfo, body: fc.Arbitrary<string>): Promise<void> {
  return fc.assert(
    fc.asyncProperty(body, fc.array(paramValue(route), { minLength: route.params.length, maxLength: route.params.length }), async (payload, params) => {
      await fire(route, fillPath(route, (name) => params[route.params.indexOf(name)] ?? ''), payload, { 'content-type': 'application/json' });
    }),
    { numRuns: RUNS },
  );
}

// Valid JSON objects a lenient schema may accept (unknown keys are stripped); every other raw case must be refused.
const MAY_PASS = new Set(['duplicate keys', 'huge number', 'invalid UTF-8']);
const OVER_1MB = JSON.stringify({ name: 'z'.repeat(MB + 10) });
/** Bodies that are not JSON, not the right type, empty or too large: [label, content-type or null, payload]. */
const RAW_CASES: [string, string | null, string | Buffer | undefined][] = [
  ...['{', '{"a":', '[1,2', 'nul', '{"a":1,}', "{'a':1}", '{"a":01}', '"open', 'NaN', '{"a":NaN}', '{"a":Infinity}', '{"a":undefined}', '[]]', '\ufeff{}', '{"a":"\\x"}', '{"a":"\\u12"}']
    .map((p): [string, string, string] => [`malformed ${p}`, 'application/json', p]),
  ['raw NUL', 'application/json', '{"name":"a\u0000"}'],
  ['invalid UTF-8', 'application/json', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
  ['duplicate keys', 'application/json', '{"name":"a","name":"b","kind":"team","kind":"nope"}'],
  ['__proto__ key', 'application/json', '{"__proto__":{"role":"admin","polluted":true},"name":"x"}'],
  ['nested __proto__', 'application/json', '{"authority":{"__proto__":{"polluted":true}}}'],
  ['constructor.prototype', 'application/json', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['deep nesting', 'application/json', '['.repeat(400_000) + ']'.repeat(400_000)],
  ['huge number', 'application/json', `{"name":${'9'.repeat(5000)}}`],
  ['empty body', 'application/json', ''],
  ['whitespace body', 'application/json', ' \n\t '],
  ['empty, no content type', null, undefined],
  ['JSON, no content type', null, '{"name":"x"}'],
  ['text/plain', 'text/plain', '{"name":"x","parentId":null,"kind":"team"}'],
  ['form', 'application/x-www-form-urlencoded', 'name=x&kind=team&parentId='],
  ['multipart', 'multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--'],
  ['xml', 'application/xml', '<unit><name>x</name></unit>'],
  ['utf-16 charset', 'application/json; charset=utf-16', '[]'],
  ['odd json type', 'application/vnd.api+json', '[]'],
  ['upper-case type', 'APPLICATION/JSON', '[]'],
  ['garbage type', ';;;', '[]'],
  ['over 1 MB JSON', 'application/json', OVER_1MB],
  ['over 1 MB text', 'text/plain', OVER_1MB],
];

describe.each(writeRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s', (_name, route) => {
  const path = () => fillPath(route, () => ids[0]!);

  it('survives fc.anything() and fc.json() bodies', async () => {
    await fuzzBodies(route, fc.anything({ withNullPrototype: true, withUnicodeString: true, withSparseArray: true, maxDepth: 6 }).map(toJson));
    await fuzzBodies(route, fc.json({ depthSize: 'medium' }));
  }, 120_000);

  it('survives its own field names with hostile values', async () => {
    await fuzzBodies(route, fieldsBody(route));
  }, 120_000);

  it('survives schema-shaped bodies with some hostile fields', async () => {
    await fuzzBodies(route, validFor(route.bodySchema ?? { type: 'object', properties: {} }).map(toJson));
  }, 120_000);

  it('refuses malformed JSON, wrong content types, empty and oversized bodies in the error format', async () => {
    for (const [label, type, payload] of RAW_CASES) {
      const res = await fire(route, path(), payload, type === null ? {} : { 'content-type': type });
      if (route.hasBody && !MAY_PASS.has(label)) expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
    }
    // 20 MB claimed: above every route's limit (1 MB for JSON, 5 MB for audit evidence files).
    expect(await fire(route, path(), '{}', { 'content-type': 'application/json', 'content-length': '20000000' }).then((r) => r.statusCode)).toBe(413);
  });

  it('refuses odd path segments in the error format', async () => {
    if (!route.params.length) return;
    for (const seg of ['%E0%A4%A', '%ZZ', 'a'.repeat(300), '%2e%2e%2f%2e%2e', '%00', '..', '%F0%9F%98%80', encodeURIComponent('\u202e')]) {
      const res = await fire(route, route.url.replace(/:[A-Za-z0-9_]+/g, seg), '{}', { 'content-type': 'application/json' });
      expect(res.statusCode, seg).toBeGreaterThanOrEqual(400);
    }
  });
});

const CORE_LISTS = ['/api/v1/units', '/api/v1/positions', '/api/v1/employees', '/api/v1/api-keys', '/api/v1/users', '/api/v1/audit-log'];

describe('after the fuzzing', () => {
  it('left no prototype polluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('still answers every list and every record read', async () => {
    for (const route of readRoutes.filter((r) => !r.params.length)) {
      const res = await fire(route, route.url);
      if (CORE_LISTS.includes(route.url)) expect(res.statusCode, route.url).toBe(200);
    }
    // Record reads answer a found or a not-found for any id; routes with other parameters (a version, a kind) only avoid 5xx.
    for (const route of readRoutes.filter((r) => r.params.length)) {
      for (const id of ids) {
        const res = await fire(route, fillPath(route, () => id));
        // Personal records (support requests) refuse an API key outright, whatever the id: 403 personal_only.
        if (res.statusCode === 403 && res.json().error?.code === 'personal_only') continue;
        if (route.params.every(isIdParam)) expect([200, 404], `${route.url} ${id}`).toContain(res.statusCode);
      }
    }
  });

  it('kept the unit tree and the manager chains free of loops', async () => {
    const [loops] = await t.ctx.db.tenant(org.orgId, (tx) =>
      tx.query<{ units: number; employees: number }>(
        `WITH RECURSIVE up AS (SELECT id AS start, parent_id AS at, 1 AS depth FROM units
           UNION ALL SELECT up.start, u.parent_id, up.depth + 1 FROM up JOIN units u ON u.id = up.at WHERE up.depth < 10000),
         chain AS (SELECT id AS start, manager_id AS at, 1 AS depth FROM employees
           UNION ALL SELECT c.start, e.manager_id, c.depth + 1 FROM chain c JOIN employees e ON e.id = c.at WHERE c.depth < 10000)
         SELECT (SELECT count(*)::int FROM up WHERE at = start) AS units, (SELECT count(*)::int FROM chain WHERE at = start) AS employees`,
      ),
    );
    expect(loops).toEqual({ units: 0, employees: 0 });
  });

  it('audited every record the API created', async () => {
    const [missing] = await t.ctx.db.tenant(org.orgId, (tx) =>
      tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT id, 'unit' AS kind FROM units UNION ALL SELECT id, 'position' FROM positions) r
         WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = r.kind AND a.entity_id = r.id::text AND a.action = r.kind || '.created')`,
      ),
    );
    // The factory's head office and clerk position are inserted directly, without an audit entry.
    expect(missing!.n).toBe(2);
  });
});

describe('concurrent writes', () => {
  // PGlite runs one transaction at a time; on PostgreSQL this races two moves that together would close a loop.
  it('cannot race two units or two employees into a loop', async () => {
    const other = await buildOrg(t.ctx); // its own organisation: a loop must not reach the checks above
    const call = (method: 'POST' | 'PATCH', url: string, payload: object) => t.app.inject({ method, url, headers: bearer(other.adminKey), payload });
    const create = async (url: string, payload: object): Promise<string> => (await call('POST', url, payload)).json().id;
    for (let round = 0; round < 20; round++) {
      const [a, b] = [await create('/api/v1/units', { name: 'a', parentId: other.rootUnitId, kind: 'team' }), await create('/api/v1/units', { name: 'b', parentId: other.rootUnitId, kind: 'team' })];
      const person = { unitId: other.rootUnitId, positionId: other.positionId };
      const [x, y] = [await create('/api/v1/employees', { name: 'x', ...person }), await create('/api/v1/employees', { name: 'y', ...person })];
      await Promise.all([
        call('PATCH', `/api/v1/units/${a}`, { parentId: b }), call('PATCH', `/api/v1/units/${b}`, { parentId: a }),
        call('PATCH', `/api/v1/employees/${x}`, { managerId: y }), call('PATCH', `/api/v1/employees/${y}`, { managerId: x }),
      ]);
    }
    const [loops] = await t.ctx.db.tenant(other.orgId, (tx) =>
      tx.query<{ units: number; employees: number }>(
        `SELECT (SELECT count(*)::int FROM units u JOIN units p ON p.id = u.parent_id WHERE p.parent_id = u.id) AS units,
                (SELECT count(*)::int FROM employees e JOIN employees m ON m.id = e.manager_id WHERE m.manager_id = e.id) AS employees`,
      ),
    );
    expect(loops).toEqual({ units: 0, employees: 0 });
  });
});
