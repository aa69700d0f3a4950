/** Test fixtures for the culture lifecycle: an organisation with a small unit tree, people at every level, and request helpers. */
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { BUILT_IN_TEMPLATES } from './templates.content.ts';

export interface CultureOrg {
  org: TestOrg;
  units: { region: string; store: string; other: string };
  managerKey: string;
  employeeKey: string;
  partnerKey: string;
  /** Employees in the region's subtree (region + store), the default audience of `createAssessment`. */
  regionStaff: string[];
  /** Everyone in the organisation. */
  everyone: string[];
}

export const send = (t: TestApp, key: string | null, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: key ? bearer(key) : {}, payload: payload as InjectOptions['payload'] });

/** Root → region → store, and root → other; a director in the region, a store manager and three staff in the store, one outsider. */
export async function buildCultureOrg(t: TestApp): Promise<CultureOrg> {
  const org = await buildOrg(t.ctx);
  const post = async (url: string, payload: object) => {
    const res = await send(t, org.adminKey, 'POST', url, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const region = (await post('/api/v1/units', { name: 'Region', parentId: org.rootUnitId, kind: 'region' })).id as string;
  const store = (await post('/api/v1/units', { name: 'Store', parentId: region, kind: 'store' })).id as string;
  const other = (await post('/api/v1/units', { name: 'Other', parentId: org.rootUnitId, kind: 'store' })).id as string;
  const director = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: region, name: 'Director' });
  const storeManager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: store, name: 'Store manager', managerId: director.employeeId });
  const staff: Array<{ employeeId: string; key: string }> = [];
  for (let i = 0; i < 3; i++) staff.push(await buildEmployeeWithKey(t.ctx, org, { unitId: store, name: `Staff ${i}`, managerId: storeManager.employeeId }));
  const outsider = await buildEmployeeWithKey(t.ctx, org, { unitId: other, name: 'Outsider' });
  await t.ctx.db.tenant(org.orgId, async (tx) => {
    // The director's position says "director" in its name; the store staff started at different times.
    await tx.query(`INSERT INTO positions (org_id, id, name, name_en) VALUES ($1, gen_random_uuid(), '区域总监', 'Regional director')`, [org.orgId]);
    await tx.query(`UPDATE employees SET position_id = (SELECT id FROM positions WHERE org_id = $1 AND name_en = 'Regional director') WHERE org_id = $1 AND id = $2`, [org.orgId, director.employeeId]);
    await tx.query(`UPDATE employees SET started_on = $3 WHERE org_id = $1 AND id = $2`, [org.orgId, staff[0]!.employeeId, '2025-06-01']);
    await tx.query(`UPDATE employees SET started_on = $3 WHERE org_id = $1 AND id = $2`, [org.orgId, staff[1]!.employeeId, '2019-03-15']);
  });
  const partnerKey = (await post('/api/v1/api-keys', { role: 'partner', name: 'partner' })).key as string;
  const regionStaff = [director, storeManager, ...staff].map((e) => e.employeeId);
  return {
    org,
    units: { region, store, other },
    managerKey: storeManager.key,
    employeeKey: staff[2]!.key,
    partnerKey,
    regionStaff,
    everyone: [...regionStaff, outsider.employeeId],
  };
}

export const CLOSES_AT = '2026-02-01T00:00:00Z';

/** Creates a draft over the region (or the given body) and returns it. */
export async function createAssessment(t: TestApp, c: CultureOrg, body: Record<string, unknown> = {}) {
  const res = await send(t, c.org.adminKey, 'POST', '/api/v1/assessments', {
    templateKey: 'vision-culture',
    name: 'Culture 2026',
    closesAt: CLOSES_AT,
    audience: { unitIds: [c.units.region] },
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; minGroupSize: number; minCommentGroupSize: number; sections: Array<{ key: string; items: Array<{ key: string; type: string; pillar?: string; options?: Array<{ value: string }> }> }> };
}

/** Creates and opens; returns the id and the open result. */
export async function openAssessment(t: TestApp, c: CultureOrg, body: Record<string, unknown> = {}) {
  const a = await createAssessment(t, c, body);
  const opened = await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${a.id}/open`);
  expect(opened.statusCode, opened.body).toBe(200);
  return { id: a.id, opened: opened.json() as { invited: number; emailed: number; delivery: string } };
}

/** A fresh one-time token for an invitee. */
export async function linkFor(t: TestApp, c: CultureOrg, assessmentId: string, employeeId: string): Promise<string> {
  const res = await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${assessmentId}/invitations/${employeeId}/link`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token as string;
}

type TemplateSections = ReadonlyArray<{ key: string; items: ReadonlyArray<{ key: string; type: string; options?: ReadonlyArray<{ value: string }> }> }>;

/** The sections of a built-in template (version 1). */
export function templateSections(templateKey: string): TemplateSections {
  const template = BUILT_IN_TEMPLATES.find((x) => x.key === templateKey);
  if (!template) throw new Error(`no built-in template ${templateKey}`);
  return template.sections;
}

/** The value `completeAnswers` gives likert items the caller leaves out: the middle of the scale (index 50, not favourable). */
export const NEUTRAL = 3;

/**
 * A complete set of answers, since every likert and single-choice item is required: the overrides, and for every other
 * scored item NEUTRAL (likert) or the first option (single). Text items are left out unless overridden. Keys in template order.
 */
export function completeAnswers(template: string | TemplateSections, overrides: Record<string, number | string> = {}): Record<string, number | string> {
  const sections = typeof template === 'string' ? templateSections(template) : template;
  const filled: Record<string, number | string> = {};
  for (const item of sections.flatMap((s) => s.items)) {
    if (item.type === 'likert') filled[item.key] = NEUTRAL;
    else if (item.type === 'single') filled[item.key] = item.options![0]!.value;
  }
  return { ...filled, ...overrides };
}

/** A plausible full set of answers to the vision-culture template. */
export const SAMPLE_ANSWERS = completeAnswers('vision-culture', { vision_state: 'understood', ideal_cx_in_vision: 4, guidance_c_suite: 5, guidance_support: 2, empathy_1: 4, kpis_2: 3 });
