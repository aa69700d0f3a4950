import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { summariseCounts } from './results.figures.ts';
import { completeAnswers } from './culture.fixtures.ts';
import { summarise } from './scoring.ts';
import { LEVELS, PILLARS, STRATEGY_ITEMS } from './vocabulary.ts';

// Fixture: Head office (R) ─┬─ store A: 6 respondents
//                           ├─ store B: 7 respondents (hand-computed figures below)
//                           ├─ store C: 3 respondents (under the minimum of 5)
//                           └─ store D: nobody
// R shows 16; C is hidden by the minimum, and A with it (complementary: R − B would otherwise give C).
let t: TestApp;
let org: TestOrg;
const units: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
let managerOfB: { employeeId: string; key: string }, managerOfA: typeof managerOfB, employee: typeof managerOfB;
let partnerKey: string;
let assessmentId: string;

const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
const get = async (key: string, url: string) => {
  const res = await send(key, 'GET', url);
  return { status: res.statusCode, body: res.json() };
};

const addUnit = (name: string): Promise<string> =>
  t.ctx.db.tenant(org.orgId, async (tx) => {
    const [u] = await tx.query<{ id: string }>(`INSERT INTO units (org_id, name, kind, parent_id) VALUES ($1, $2, 'store', $3) RETURNING id`, [org.orgId, name, org.rootUnitId]);
    return u!.id;
  });
const addPeople = (unitId: string, count: number): Promise<string[]> =>
  t.ctx.db.tenant(org.orgId, async (tx) =>
    (
      await tx.query<{ id: string }>(
        `INSERT INTO employees (org_id, name, email, unit_id, position_id) SELECT $1, 'Staff ' || g, $2 || g || '@example.com', $3, $4 FROM generate_series(1, $5) AS g RETURNING id`,
        [org.orgId, randomUUID(), unitId, org.positionId, count],
      )
    ).map((r) => r.id),
  );

/**
 * Answers as an invitee would: a fresh one-time link from the admin, then the public endpoint. Every scored item is
 * required, so the items a respondent below does not set get the neutral 3 (index 50, not favourable).
 */
async function answerAs(id: string, employeeId: string, given: Record<string, number | string>): Promise<void> {
  const answers = completeAnswers('vision-culture', given);
  const link = await send(org.adminKey, 'GET', `/api/v1/assessments/${id}/invitations/${employeeId}/link`);
  expect(link.statusCode, link.body).toBe(200);
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/public/assessments/${link.json().token}`, payload: { answers } });
  expect(res.statusCode, res.body).toBe(201);
}

// Store B's seven respondents: three empathy items (21 answers pooled into the pillar) and the vision state; every
// other item neutral (3).
const B_EMPATHY = [[5, 4, 5], [4, 4, 5], [4, 4, 3], [3, 4, 3], [2, 4, 1], [5, 4, 2], [1, 4, 4]];
const B_STATES = ['core_dna', 'core_dna', 'understood', 'understood', 'understood', 'not_understood', 'outdated'];
const likertAll = (x: number) => Object.fromEntries(PILLARS.flatMap((p) => [1, 2, 3].map((i) => [`${p}_${i}`, x])));

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  for (const name of ['A', 'B', 'C', 'D'] as const) units[name] = await addUnit(`Store ${name}`);
  managerOfB = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: units.B });
  managerOfA = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: units.A });
  employee = await buildEmployeeWithKey(t.ctx, org, { role: 'employee' });
  partnerKey = (await buildEmployeeWithKey(t.ctx, org, { role: 'partner' })).key;
  const people = { A: await addPeople(units.A, 6), B: await addPeople(units.B, 7), C: await addPeople(units.C, 3) };
  const closesAt = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const created = await send(org.adminKey, 'POST', '/api/v1/assessments', { templateKey: 'vision-culture', name: 'Spring culture check', closesAt });
  expect(created.statusCode, created.body).toBe(201);
  assessmentId = created.json().id;
  expect((await send(org.adminKey, 'POST', `/api/v1/assessments/${assessmentId}/open`)).statusCode).toBe(200);
  for (const [i, e] of people.B.entries()) {
    const [e1, e2, e3] = B_EMPATHY[i]!;
    await answerAs(assessmentId, e, { empathy_1: e1!, empathy_2: e2!, empathy_3: e3!, vision_state: B_STATES[i]!, comment: `B comment ${i}` });
  }
  for (const [i, e] of people.A.entries()) await answerAs(assessmentId, e, { ...likertAll(4), vision_state: 'core_dna', comment: `A comment ${i}, call 13812345678` });
  for (const e of people.C) await answerAs(assessmentId, e, { ...likertAll(1), vision_state: 'outdated', comment: 'C comment' });
});
afterAll(() => t.close());

const url = (path: string) => `/api/v1/assessments/${assessmentId}/${path}`;
type Row = { key: string; parentKey?: string | null; suppressed: boolean; n?: number; pillars?: Record<string, { index: number; favourable: number; ci95: [number, number] }>; [k: string]: unknown };

describe('figures: index, favourable, interval and maturity equal the hand-computed values', () => {
  it('scores from counts per value equal the scoring engine over the same answers', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let round = 0; round < 500; round++) {
      const counts = [1, 2, 3, 4, 5].map(() => (next() % 4 === 0 ? 0 : next() % (round % 3 === 0 ? 3 : 400)));
      const values = counts.flatMap((c, i) => Array<number>(c).fill(i + 1));
      const fromCounts = summariseCounts(counts);
      const fromValues = summarise(values);
      if (fromValues === null) expect(fromCounts).toBeNull();
      else {
        expect(fromCounts!.n).toBe(fromValues.n);
        for (const key of ['index', 'favourable'] as const) expect(fromCounts![key]).toBeCloseTo(fromValues[key], 9);
        expect(fromCounts!.ci95[0]).toBeCloseTo(fromValues.ci95[0], 9);
        expect(fromCounts!.ci95[1]).toBeCloseTo(fromValues.ci95[1], 9);
      }
    }
  });

  it('store B: 21 pooled empathy answers → index 64.3, favourable 66.7 %, 95 % interval 64.3 ± 12.9; the neutral pillars at 50', async () => {
    const { status, body } = await get(org.adminKey, url(`results?unitId=${units.B}`));
    expect(status).toBe(200);
    const [b] = body.rows as Row[];
    expect(b).toMatchObject({ key: units.B, parentKey: org.rootUnitId, suppressed: false, n: 7 });
    // (x − 1)/4 × 100 per answer: 425 + 525 + 400 = 1350 over 21 → 64.29; 14 of 21 are 4 or 5 → 66.67 %.
    // Σx² = 105 000, so Σ(x − x̄)² = 18 214.29, s = √(18 214.29 / 20) = 30.18, 1.96 s / √21 = 12.91.
    const e = b!.pillars!.empathy!;
    expect(e.index).toBeCloseTo(64.29, 1);
    expect(e.favourable).toBeCloseTo(66.67, 1);
    expect(e.ci95[0]).toBeCloseTo(64.29 - 12.91, 0);
    expect(e.ci95[1]).toBeCloseTo(64.29 + 12.91, 0);
    // The six other pillars: 21 answers of 3 each → index 50, none favourable, no spread.
    expect(Object.keys(b!.pillars!).sort()).toEqual([...PILLARS].sort());
    for (const p of PILLARS.filter((x) => x !== 'empathy')) expect(b!.pillars![p], p).toEqual({ index: 50, favourable: 0, ci95: [50, 50] });
    expect(b!.maturity).toBe('mobilise'); // overall = (64.29 + 6 · 50) / 7 = 52.04 → 40–60
    // 2 core, 3 understood, 1 not understood, 1 outdated of 7.
    expect(b!.visionState).toEqual({ outdated: 14.3, not_understood: 14.3, understood: 42.9, core_dna: 28.6 });
  });

  it('the overview of B lists item summaries, maturity per pillar and the vision state', async () => {
    const { body } = await get(org.adminKey, url(`overview?unitId=${units.B}`));
    expect(body).toMatchObject({ suppressed: false, n: 7, maturity: { overall: 'mobilise', pillars: { empathy: 'scale', kpis: 'mobilise' } } });
    // empathy_2: every answer 4 → index 75, favourable 100 %, no spread.
    expect(body.items.empathy_2).toMatchObject({ n: 7, index: 75, favourable: 100 });
    expect(body.items.empathy_1.index).toBeCloseTo(425 / 7, 1);
    expect(body.items.empathy_2.ci95[0]).toBeCloseTo(75, 5);
    // Every guidance item answered 3 by all seven → index 50, favourable 0 %.
    expect(body.guidanceByLevel).toEqual(LEVELS.map((level) => ({ level, index: 50, favourable: 0, n: 7 })));
  });

  it('the organisation: 16 respondents; A and C count in it although hidden on their own', async () => {
    const { body } = await get(org.adminKey, url('overview'));
    expect(body).toMatchObject({ suppressed: false, n: 16 });
    // empathy over 18 (A, all 4s) + 21 (B) + 9 (C, all 1s) answers: (18·75 + 1350 + 0) / 48.
    expect(body.pillars.empathy.index).toBeCloseTo((18 * 75 + 1350) / 48, 1);
    // rituals: A's 18 answers of 4, B's 21 neutral 3s and C's 9 answers of 1: (18·75 + 21·50 + 0) / 48 = 50.
    expect(body.pillars.rituals.index).toBeCloseTo((18 * 75 + 21 * 50) / 48, 1);
    expect(body.visionState.core_dna).toBeCloseTo((100 * 8) / 16, 1);
    // Nobody set a strategy item: all 16 neutral.
    expect(body.strategies).toEqual(STRATEGY_ITEMS.map((key) => ({ key, index: 50, favourable: 0, n: 16 })));
  });
});

describe('anonymity in the API responses', () => {
  it('C (3) is suppressed and its sibling A with it; R − shown children is not C; hidden rows look like the empty D', async () => {
    const { body } = await get(org.adminKey, url('results?groupBy=unit'));
    const rows = new Map((body.rows as Row[]).map((r) => [r.key, r]));
    expect(body.minGroupSize).toBe(5);
    expect(rows.get('org')).toMatchObject({ suppressed: false, n: 16, parentKey: null });
    expect(rows.get(org.rootUnitId)).toMatchObject({ suppressed: false, n: 16, parentKey: 'org' });
    expect(rows.get(units.B)).toMatchObject({ suppressed: false, n: 7 });
    for (const hidden of [units.A, units.C, units.D]) expect(rows.get(hidden)).toEqual({ key: hidden, parentKey: org.rootUnitId, suppressed: true });
    const shownChildren = [...rows.values()].filter((r) => r.parentKey === org.rootUnitId && !r.suppressed).reduce((s, r) => s + r.n!, 0);
    expect(rows.get(org.rootUnitId)!.n! - shownChildren).not.toBe(3);
    const heat = (await get(org.adminKey, url('heatmap'))).body;
    const cells = new Map(heat.rows.map((r: { unitId: string }) => [r.unitId, r]));
    expect(cells.get(units.C)).toEqual({ unitId: units.C, parentId: org.rootUnitId, suppressed: true });
    expect(cells.get(units.A)).toEqual({ unitId: units.A, parentId: org.rootUnitId, suppressed: true });
    expect(cells.get(units.B)).toMatchObject({ suppressed: false, n: 7, values: { empathy: expect.any(Number) } });
    expect(heat.orgValues.empathy).toBeCloseTo((18 * 75 + 1350) / 48, 1);
    const overviewOfC = (await get(org.adminKey, url(`overview?unitId=${units.C}`))).body;
    expect(overviewOfC).toEqual({ suppressed: true, minGroupSize: 5 });
    expect((await get(org.adminKey, url(`overview?unitId=${units.D}`))).body).toEqual(overviewOfC);
  });

  it('levels: every respondent is a non-manager, so the other levels are empty and hidden alike', async () => {
    const { body } = await get(org.adminKey, url('results?groupBy=level'));
    const rows = body.rows as Row[];
    expect(rows[0]).toMatchObject({ key: 'org', n: 16 });
    expect(rows.find((r) => r.key === 'non_manager')).toMatchObject({ suppressed: false, n: 16, parentKey: 'org' });
    for (const level of ['c_suite', 'executive', 'manager', 'support']) expect(rows.find((r) => r.key === level)).toEqual({ key: level, parentKey: 'org', suppressed: true });
  });

  it('comments: shown for the organisation (16 ≥ 10), redacted; none for B (7 < 10)', async () => {
    const all = (await get(org.adminKey, url('comments'))).body;
    expect(all.suppressed).toBe(false);
    expect(all.items).toHaveLength(16);
    expect(Object.keys(all.items[0])).toEqual(['text']);
    expect(all.items.map((c: { text: string }) => c.text).join(' ')).not.toContain('13812345678');
    expect((await get(org.adminKey, url(`comments?unitId=${units.B}`))).body).toEqual({ suppressed: true, items: [] });
  });

  it('response rates: invitees per unit, answered through the plan', async () => {
    const { body } = await get(org.adminKey, url('response-rates'));
    const rows = new Map(body.rows.map((r: { unitId: string }) => [r.unitId, r]));
    expect(rows.get(units.B)).toMatchObject({ suppressed: false, answered: 7 });
    expect(rows.get(units.C)).toEqual({ unitId: units.C, parentId: org.rootUnitId, suppressed: true });
    expect(body.total).toMatchObject({ answered: 16 });
    expect(body.total.invited).toBeGreaterThanOrEqual(16);
  });
});

describe('who sees what', () => {
  it('before closing only admins read results; partners never', async () => {
    for (const key of [managerOfB.key, employee.key]) expect((await get(key, url('results'))).body.error.code).toBe('results_not_released');
    expect((await get(partnerKey, url('results'))).status).toBe(403);
    const closed = await send(org.adminKey, 'POST', `/api/v1/assessments/${assessmentId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await get(partnerKey, url('results'))).status).toBe(403);
  });

  it('a manager sees their own subtree after closing, and 404 outside it', async () => {
    const { status, body } = await get(managerOfB.key, url('results'));
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toMatchObject({ key: units.B, n: 7 });
    expect((await get(managerOfB.key, url(`results?unitId=${units.A}`))).status).toBe(404);
    expect((await get(managerOfB.key, url(`overview?unitId=${org.rootUnitId}`))).status).toBe(404);
    expect((await get(managerOfB.key, url(`comments?unitId=${units.C}`))).status).toBe(404);
    const heat = (await get(managerOfB.key, url('heatmap'))).body;
    expect(heat.rows.map((r: { unitId: string }) => r.unitId)).toEqual([units.B]);
    expect((await get(managerOfA.key, url('overview'))).body).toEqual({ suppressed: true, minGroupSize: 5 });
  });

  it('an employee sees the organisation-wide row only', async () => {
    for (const groupBy of ['unit', 'level']) {
      const { body } = await get(employee.key, url(`results?groupBy=${groupBy}`));
      expect(body.rows).toHaveLength(1);
      expect(body.rows[0]).toMatchObject({ key: 'org', n: 16 });
    }
    expect((await get(employee.key, url('overview'))).body).toMatchObject({ suppressed: false, n: 16, drivers: { coreDna: [], customerNps: [] } });
    expect((await get(employee.key, url(`results?unitId=${units.B}`))).status).toBe(404);
    for (const path of ['heatmap', 'segments', 'comments', 'response-rates']) expect((await get(employee.key, url(path))).status).toBe(403);
  });
});

// Nine stores of five: four answer high (pillars 4–5, mostly "core of our DNA", ideal CX and vision team in place) and
// whose customers are promoters; five answer low and their customers are detractors.
describe('benchmarks, segments and drivers', () => {
  let nineId: string;
  const stores: string[] = [];
  const HIGH = 4;

  beforeAll(async () => {
    for (let i = 0; i < 9; i++) stores.push(await addUnit(`Mall ${i}`));
    const opened = t.clock.now();
    const created = await send(org.adminKey, 'POST', '/api/v1/assessments', { templateKey: 'vision-culture', name: 'Nine stores', closesAt: new Date(opened.getTime() + 7 * 86_400_000).toISOString() });
    nineId = created.json().id;
    expect((await send(org.adminKey, 'POST', `/api/v1/assessments/${nineId}/open`)).statusCode).toBe(200);
    await t.ctx.db.tenant(org.orgId, async (tx) => {
      for (const [i, unitId] of stores.entries()) {
        for (let j = 0; j < 5; j++) {
          const high = i < HIGH;
          // One answer per store a point lower, on a different pillar in each store: nine distinct profiles, two clear groups.
          const quirk = j === 0 ? { [`${PILLARS[i % PILLARS.length]}_1`]: high ? 3 : 1 } : {};
          const answers = { ...likertAll(high ? 4 + (j % 2) : 2 + (j % 2)), ...quirk, ideal_cx_in_vision: high ? 5 : 2, vision_team: high ? 4 : 1, vision_state: high && j > 0 ? 'core_dna' : 'understood' };
          await tx.query(`INSERT INTO assessment_answers (org_id, assessment_id, unit_id, level, answers) VALUES ($1, $2, $3, 'non_manager', $4)`, [org.orgId, nineId, unitId, JSON.stringify(answers)]);
        }
      }
    });
    const survey = await send(org.adminKey, 'POST', '/api/v1/surveys', { name: 'After visit', questions: [{ key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend' } }] });
    expect(survey.statusCode, survey.body).toBe(201);
    t.clock.advance(2 * 3_600_000);
    const submittedAt = new Date(opened.getTime() + 3_600_000).toISOString();
    const items = stores.flatMap((unitId, i) => Array.from({ length: 30 }, (_, j) => ({ surveyId: survey.json().id, unitId, submittedAt, answers: { nps: i < HIGH ? 9 + (j % 2) : j % 3 === 0 ? 8 : 3 } })));
    const batch = await send(org.adminKey, 'POST', '/api/v1/responses/batch', { items });
    expect(batch.statusCode, batch.body).toBeLessThan(300);
    t.clock.advance(86_400_000);
    expect((await send(org.adminKey, 'POST', `/api/v1/assessments/${nineId}/close`)).statusCode).toBe(200);
  });

  it('benchmark rows sit beside our % favourable, exact and approximate ones flagged', async () => {
    const { body } = await get(org.adminKey, `/api/v1/assessments/${nineId}/benchmarks`);
    const rows = new Map(body.rows.map((r: { item: string }) => [r.item, r]));
    expect(rows.get('vision_state:core_dna')).toMatchObject({ all: 33, visionaries: 100, others: 22, approximate: false, ours: 35.6 }); // 16 of 45
    expect(rows.get('ideal_cx_in_vision')).toMatchObject({ visionaries: 100, others: 51, approximate: false, ours: 44.4 }); // 20 of 45 answered 5
    expect(rows.get('guidance_c_suite')).toMatchObject({ visionaries: 97, others: 83, approximate: true, ours: null });
    expect(rows.get('embed_rnd')).toMatchObject({ approximate: true, range: { visionaries: expect.any(Array) } });
    expect(rows.get('eco_partners')).toMatchObject({ visionaries: 68, others: 40, approximate: false });
    // Manager of a hidden store's subtree and employees read the same organisation-wide column.
    expect((await get(employee.key, `/api/v1/assessments/${nineId}/benchmarks`)).body).toEqual(body);
  });

  it('with 8 or more shown units: seeded k-means, the high stores visionary-like, and the items that tell them apart', async () => {
    const { body } = await get(org.adminKey, `/api/v1/assessments/${nineId}/segments`);
    expect(body.method).toBe('kmeans');
    expect(body.units).toHaveLength(9);
    const visionary = body.units.filter((u: { segment: string }) => u.segment === 'visionary').map((u: { unitId: string }) => u.unitId);
    expect(visionary.sort()).toEqual(stores.slice(0, HIGH).sort());
    expect(body.k).toBeGreaterThanOrEqual(2);
    expect(body.silhouette).toBeGreaterThan(0.5);
    expect(body.discriminatingItems.length).toBeGreaterThan(0);
    expect((await get(org.adminKey, `/api/v1/assessments/${nineId}/segments`)).body).toEqual(body); // seeded: repeats
  });

  it('with fewer than 8: the rules (store B: 2 of 7 "core of our DNA" is no majority)', async () => {
    const { body } = await get(org.adminKey, url('segments'));
    expect(body).toEqual({ method: 'rules', units: [{ unitId: units.B, segment: 'other' }], discriminatingItems: [] });
    const one = (await get(org.adminKey, `/api/v1/assessments/${nineId}/segments?unitId=${stores[0]}`)).body;
    expect(one).toEqual({ method: 'rules', units: [{ unitId: stores[0], segment: 'visionary' }], discriminatingItems: [] });
  });

  it('drivers: every pillar goes with "core of our DNA" and with the stores’ customer NPS (≥ 30 answers each)', async () => {
    const { body } = await get(org.adminKey, `/api/v1/assessments/${nineId}/overview`);
    expect(body.drivers.coreDna).toHaveLength(7);
    for (const d of body.drivers.coreDna) expect(d).toMatchObject({ r: expect.closeTo(1, 2), n: 9 });
    expect(body.drivers.customerNps).toHaveLength(7);
    for (const d of body.drivers.customerNps) expect(d).toMatchObject({ r: expect.closeTo(1, 2), units: 9 });
  });
});
