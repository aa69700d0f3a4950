import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { PUBLIC_BOARD_LIMIT } from './boards.routes.ts';

// Public boards: created and revoked by admins, read by a screen without login, aggregates only.

let t: TestApp;
let org: TestOrg;
let east: string;
let west: string;
let tiny: string;
let staffName: string;
const COMMENT = '王芳态度特别好，客户张三很满意';
const CUSTOMER = '张三丰';

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = bearer(org.adminKey), remoteAddress = '10.9.0.1') =>
  t.app.inject({ method, url, headers, payload, remoteAddress });
const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
  const res = await call(method, url, payload);
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
};
let nextIp = 0;
const publicGet = (token: string) => call('GET', `/api/v1/public/boards/${token}`, undefined, {}, `10.8.${nextIp >> 8}.${++nextIp & 255}`);

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-02-03T00:00:00Z');
  org = await buildOrg(t.ctx);
  east = (await ok('POST', '/api/v1/units', { name: '华东大区', nameEn: 'East', parentId: org.rootUnitId, kind: 'region' })).id;
  west = (await ok('POST', '/api/v1/units', { name: '西部大区', nameEn: 'West', parentId: org.rootUnitId, kind: 'region' })).id;
  tiny = (await ok('POST', '/api/v1/units', { name: '小组', nameEn: 'Tiny team', parentId: west, kind: 'team' })).id;
  staffName = '王芳';
  const staff = await buildEmployeeWithKey(t.ctx, org, { unitId: east, name: staffName });
  const customer = await ok('POST', '/api/v1/customers', { externalId: 'C1', name: CUSTOMER });
  const survey = await ok('POST', '/api/v1/surveys', {
    name: '回访',
    questions: [
      { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐', en: 'Recommend' } },
      { key: 'csat', type: 'csat', title: { 'zh-CN': '满意', en: 'Satisfied' } },
      { key: 'ces', type: 'ces', title: { 'zh-CN': '费力', en: 'Effort' } },
      { key: 'comment', type: 'text', title: { 'zh-CN': '意见', en: 'Comment' } },
    ],
  });
  // East: six answers, NPS (4 promoters − 1 detractor)/6 = 50, CSAT 4.5, CES 6; west's tiny team: two answers (withheld);
  // overall NPS (5 − 2)/8 = 37.5, shown as 38.
  const east6 = [
    { nps: 10, csat: 5, ces: 7 },
    { nps: 9, csat: 5, ces: 6 },
    { nps: 9, csat: 5, ces: 6 },
    { nps: 10, csat: 4, ces: 6 },
    { nps: 8, csat: 4, ces: 6 },
    { nps: 2, csat: 4, ces: 5 },
  ].map((a) => ({ surveyId: survey.id, unitId: east, employeeId: staff.employeeId, customerId: customer.id, submittedAt: '2026-01-20T04:00:00Z', answers: { ...a, comment: COMMENT } }));
  const tiny2 = [{ nps: 0 }, { nps: 10 }].map((a) => ({ surveyId: survey.id, unitId: tiny, submittedAt: '2026-01-21T04:00:00Z', answers: a }));
  expect((await ok('POST', '/api/v1/responses/batch', { items: [...east6, ...tiny2] })).created).toBe(8);
});
afterAll(() => t.close());

describe('public boards', () => {
  let board: { id: string; token: string; path: string };

  it('shows a token once, stores only its hash, and lists boards without it', async () => {
    board = await ok('POST', '/api/v1/boards', { name: '总部大屏', periodDays: 30 });
    expect(board.token).toMatch(/^[A-Za-z0-9_-]{24}$/); // 18 random bytes = 144 bits
    expect(board.path).toBe(`/board/${board.token}`);
    const stored = await t.ctx.db.system((tx) => tx.query<{ token_hash: string }>(`SELECT token_hash FROM boards WHERE id = $1`, [board.id]));
    expect(stored[0]!.token_hash).not.toContain(board.token);
    const list = await ok('GET', '/api/v1/boards');
    expect(list.items).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(board.token);
  });

  it('answers a screen without login with aggregates only: no names of people or customers, no comments', async () => {
    const res = await publicGet(board.token);
    expect(res.statusCode, res.body).toBe(200);
    const b = res.json();
    expect(b).toMatchObject({ name: '总部大屏', periodDays: 30, refreshSeconds: 30, minAnswers: 5 });
    expect(b.overall).toEqual({ nps: { value: 38, n: 8 }, csat: { value: 4.5, n: 6 }, ces: { value: 6, n: 6 } });
    expect(b.teams).toEqual([
      { name: '华东大区', nameEn: 'East', nps: { value: 50, n: 6 }, csat: { value: 4.5, n: 6 }, ces: { value: 6, n: 6 } },
      // Two answers: below the anonymity threshold, so the figure is withheld.
      { name: '西部大区', nameEn: 'West', nps: { value: null, n: 2 }, csat: { value: null, n: 0 }, ces: { value: null, n: 0 } },
    ]);
    for (const secret of [staffName, CUSTOMER, COMMENT, '王芳', '张三', 'employee', 'customer', 'comment', '@']) expect(res.body).not.toContain(secret);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('shows chosen teams in the chosen order, leaving out teams without any answer', async () => {
    const empty = (await ok('POST', '/api/v1/units', { name: '后台', nameEn: 'Back office', parentId: org.rootUnitId, kind: 'department' })).id;
    const chosen = await ok('POST', '/api/v1/boards', { name: 'West screen', unitIds: [tiny, empty, east] });
    const b = (await publicGet(chosen.token)).json();
    expect(b.teams.map((x: { nameEn: string }) => x.nameEn)).toEqual(['Tiny team', 'East']);
  });

  it('answers 404 to a revoked, unknown or malformed token', async () => {
    await ok('DELETE', `/api/v1/boards/${board.id}`);
    for (const token of [board.token, 'A'.repeat(24), 'x', '%27%20OR%201=1;--']) {
      const res = await publicGet(token);
      expect([res.statusCode, res.json().error.code], token).toEqual([404, 'not_found']);
    }
    expect((await ok('GET', '/api/v1/boards')).items.find((x: { id: string }) => x.id === board.id).revokedAt).toBe('2026-02-03T00:00:00.000Z');
  });

  it('is rate-limited per address', async () => {
    const fresh = await ok('POST', '/api/v1/boards', { name: 'limit' });
    const codes: number[] = [];
    for (let i = 0; i <= PUBLIC_BOARD_LIMIT.max; i++) codes.push((await call('GET', `/api/v1/public/boards/${fresh.token}`, undefined, {}, '10.7.0.1')).statusCode);
    expect(codes.slice(0, PUBLIC_BOARD_LIMIT.max).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
  });

  it('lets only admins manage boards', async () => {
    const m = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: east });
    expect((await call('POST', '/api/v1/boards', { name: 'x' }, bearer(m.key))).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/boards', undefined, bearer(m.key))).statusCode).toBe(403);
    const unknown = await call('POST', '/api/v1/boards', { name: 'x', unitIds: ['00000000-0000-4000-8000-000000000000'] });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'not_found']);
  });
});

describe('a board with the mystery-shopping score (audit_score)', () => {
  /** A completed mystery-shopping store visit, through the audit API, with these item scores (0–4, repeated over the checklist). */
  const visit = async (unitId: string, values: number[]) => {
    const v = await ok('POST', '/api/v1/audits', { templateKey: 'mystery-store', unitId });
    for (const [i, item] of (v.items as { key: string }[]).entries()) await ok('PATCH', `/api/v1/audits/${v.id}/items/${item.key}`, { score: values[i % values.length] });
    await ok('POST', `/api/v1/audits/${v.id}/complete`, {});
  };
  /** The metrics API's audit_score over the board's period (the last 30 days), for a unit's subtree. */
  const fromApi = async (unitId: string) => {
    const from = new Date(t.clock.now().getTime() - 30 * DAY).toISOString();
    const [row] = (await ok('GET', `/api/v1/metrics/audit_score?from=${encodeURIComponent(from)}&unitId=${unitId}`)).rows;
    return row as { value: number; n: number };
  };

  beforeAll(async () => {
    // East: six visits (enough to show); west: two, in its tiny team (withheld, like two answers).
    for (const values of [[4, 3], [4, 4, 2], [3], [2, 3, 4], [4], [1, 2, 3, 4]]) await visit(east, values);
    for (const values of [[0, 1], [4]]) await visit(tiny, values);
    t.clock.advance(1000);
  });

  it('shows audit_score in the chosen order, the figure the metrics API gives for the same period, under the same threshold', async () => {
    const created = await ok('POST', '/api/v1/boards', { name: '门店体验', metrics: ['audit_score', 'nps', 'audit_score'] });
    expect(created.metrics).toEqual(['audit_score', 'nps']); // each once, in the order given
    const b = (await publicGet(created.token)).json();
    expect(b.metrics).toEqual(['audit_score', 'nps']);
    const [overall, eastApi, westApi] = [await fromApi(org.rootUnitId), await fromApi(east), await fromApi(west)];
    expect([overall.n, eastApi.n, westApi.n]).toEqual([8, 6, 2]);
    const oneDecimal = (x: number) => Math.round(x * 10) / 10;
    expect(b.overall).toEqual({ audit_score: { value: oneDecimal(overall.value), n: 8 }, nps: { value: 38, n: 8 } });
    expect(b.teams).toEqual([
      { name: '华东大区', nameEn: 'East', audit_score: { value: oneDecimal(eastApi.value), n: 6 }, nps: { value: 50, n: 6 } },
      { name: '西部大区', nameEn: 'West', audit_score: { value: null, n: 2 }, nps: { value: null, n: 2 } },
    ]);
    expect(b.overall.audit_score.value).toBeGreaterThan(0);
    expect(b.overall.audit_score.value).toBeLessThanOrEqual(100);
  });

  it('lets an admin add audit_score to a live board: same link, the screen shows it at once', async () => {
    const live = await ok('POST', '/api/v1/boards', { name: '大厅' });
    expect(live.metrics).toEqual(['nps', 'csat', 'ces']);
    expect(Object.keys((await publicGet(live.token)).json().overall)).toEqual(['nps', 'csat', 'ces']);
    const updated = await ok('PATCH', `/api/v1/boards/${live.id}`, { metrics: ['nps', 'csat', 'ces', 'audit_score'] });
    expect(updated).toMatchObject({ name: '大厅', periodDays: 30, metrics: ['nps', 'csat', 'ces', 'audit_score'] });
    const b = (await publicGet(live.token)).json();
    expect(b.overall.audit_score).toEqual({ value: Math.round((await fromApi(org.rootUnitId)).value * 10) / 10, n: 8 });
    const [entry] = await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ before: { metrics: string[] } }>(`SELECT before FROM audit_log WHERE org_id = $1 AND action = 'board.updated' AND entity_id = $2`, [org.orgId, live.id]));
    expect(entry!.before.metrics).toEqual(['nps', 'csat', 'ces']);
  });

  it('refuses an unknown metric, an empty or too long list (400 invalid_request naming the field) and a change to a revoked board (409)', async () => {
    const unknown = await call('POST', '/api/v1/boards', { name: 'x', metrics: ['nps', 'loyalty'] });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([400, 'invalid_request']);
    expect(unknown.json().error.details.issues.map((i: { field: string }) => i.field)).toEqual(['body.metrics.1']);
    const live = await ok('POST', '/api/v1/boards', { name: 'y', metrics: ['audit_score'] });
    for (const metrics of [['happiness'], [], ['nps', 'csat', 'ces', 'fcr', 'praise', 'audit_score']]) {
      const res = await call('PATCH', `/api/v1/boards/${live.id}`, { metrics });
      expect([res.statusCode, res.json().error.code], JSON.stringify(metrics)).toEqual([400, 'invalid_request']);
    }
    const m = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: east });
    expect((await call('PATCH', `/api/v1/boards/${live.id}`, { metrics: ['nps'] }, bearer(m.key))).statusCode).toBe(403);
    await ok('DELETE', `/api/v1/boards/${live.id}`);
    const revoked = await call('PATCH', `/api/v1/boards/${live.id}`, { metrics: ['nps'] });
    expect([revoked.statusCode, revoked.json().error.code]).toEqual([409, 'board_revoked']);
    const missing = await call('PATCH', '/api/v1/boards/00000000-0000-4000-8000-000000000000', { name: 'z' });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'not_found']);
  });
});
