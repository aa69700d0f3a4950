import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCultureOrg, CLOSES_AT, completeAnswers, createAssessment, linkFor, openAssessment, SAMPLE_ANSWERS, send, type CultureOrg } from './culture.fixtures.ts';
import { EMBEDDING_ITEMS, GUIDANCE_ITEMS, PILLARS, STRATEGY_ITEMS } from './vocabulary.ts';

let t: TestApp;
let c: CultureOrg;

beforeAll(async () => {
  t = await createTestApp();
  c = await buildCultureOrg(t);
});
afterAll(() => t.close());

const answerJson = (token: string, answers: unknown) => send(t, null, 'POST', `/api/v1/public/assessments/${token}`, { answers });
const errorOf = (res: { statusCode: number; json(): { error: { code: string } } }) => [res.statusCode, res.json().error.code];

describe('culture templates', () => {
  it('lists the built-in vision-culture template with the shared keys, and the pulse', async () => {
    const res = await send(t, c.employeeKey, 'GET', '/api/v1/assessment-templates');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ key: string; builtIn: boolean; sections: Array<{ key: string; items: Array<{ key: string; type: string; pillar?: string; text: Record<string, string> }> }> }>;
    const vc = items.find((x) => x.key === 'vision-culture')!;
    expect(vc.builtIn).toBe(true);
    expect(vc.sections.map((s) => s.key)).toEqual(['vision_state', 'guidance_by_level', 'strategy_alignment', 'embedding', 'ecosystem', 'pillars', 'comment']);
    const keys = (s: string) => vc.sections.find((x) => x.key === s)!.items.map((i) => i.key);
    expect(keys('vision_state')).toEqual(['vision_state', 'ideal_cx_in_vision', 'vision_team']);
    expect(keys('guidance_by_level')).toEqual([...GUIDANCE_ITEMS]);
    expect(keys('strategy_alignment')).toEqual([...STRATEGY_ITEMS]);
    expect(keys('embedding')).toEqual([...EMBEDDING_ITEMS]);
    expect(keys('ecosystem')).toEqual(['eco_partners', 'eco_mna']);
    const pillarItems = vc.sections.find((x) => x.key === 'pillars')!.items;
    for (const p of PILLARS) expect(pillarItems.filter((i) => i.pillar === p && i.key.startsWith(`${p}_`)).length).toBeGreaterThanOrEqual(3);
    for (const item of vc.sections.flatMap((s) => s.items)) expect(item.text['zh-CN'] && item.text.en).toBeTruthy();
    const pulse = items.find((x) => x.key === 'pulse')!;
    expect(pulse.sections.flatMap((s) => s.items.map((i) => i.key))).toEqual([...PILLARS.map((p) => `${p}_1`), 'comment']);
  });

  it('copies a template and adds items as new versions; assessments keep the version they were made from', async () => {
    const copied = await send(t, c.org.adminKey, 'POST', '/api/v1/assessment-templates/vision-culture/copy', { key: 'our-culture', name: { 'zh-CN': '我们的文化', en: 'Our culture' } });
    expect(copied.statusCode, copied.body).toBe(201);
    expect(copied.json()).toMatchObject({ key: 'our-culture', version: 1, builtIn: false, basedOn: 'vision-culture' });
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessment-templates/vision-culture/copy', { key: 'our-culture', name: { 'zh-CN': '再', en: 'Again' } }))).toEqual([409, 'template_exists']);
    const v1 = await createAssessment(t, c, { templateKey: 'our-culture' });

    const item = { key: 'empathy_4', type: 'likert', pillar: 'empathy', text: { 'zh-CN': '我们会回访不满意的客户。', en: 'We call back customers who were unhappy.' } };
    const added = await send(t, c.org.adminKey, 'POST', '/api/v1/assessment-templates/our-culture/items', { section: 'pillars', item });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().version).toBe(2);
    expect(added.json().sections.find((s: { key: string }) => s.key === 'pillars').items.at(-1)).toEqual(item);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessment-templates/our-culture/items', { section: 'pillars', item }))).toEqual([409, 'item_exists']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessment-templates/vision-culture/items', { section: 'pillars', item }))).toEqual([409, 'built_in_template']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessment-templates/our-culture/items', { section: 'nope', item: { ...item, key: 'x_1' } }))).toEqual([400, 'invalid_request']);
    const textPillar = { section: 'comment', item: { key: 'extra_note', type: 'text', pillar: 'kpis', text: { 'zh-CN': '补充', en: 'More' } } };
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessment-templates/our-culture/items', textPillar))).toEqual([400, 'invalid_request']);
    expect(errorOf(await send(t, c.managerKey, 'POST', '/api/v1/assessment-templates/our-culture/items', { section: 'pillars', item: { ...item, key: 'empathy_5' } }))).toEqual([403, 'forbidden']);

    const listed = (await send(t, c.org.adminKey, 'GET', '/api/v1/assessment-templates')).json().items.filter((x: { key: string }) => x.key === 'our-culture');
    expect(listed.map((x: { version: number }) => x.version)).toEqual([2]);
    const v2 = await createAssessment(t, c, { templateKey: 'our-culture' });
    const pillarKeys = (a: typeof v1) => a.sections.find((s) => s.key === 'pillars')!.items.map((i) => i.key);
    expect(pillarKeys(v2)).toContain('empathy_4');
    expect(pillarKeys((await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${v1.id}`)).json())).not.toContain('empathy_4');
    const pinned = await createAssessment(t, c, { templateKey: 'our-culture', templateVersion: 1 });
    expect(pillarKeys(pinned)).not.toContain('empathy_4');
  });
});

describe('assessment lifecycle', () => {
  it('creates, opens (one invitation per audience member), links, takes one answer per token and stores nothing that identifies', async () => {
    const a = await createAssessment(t, c);
    expect(a).toMatchObject({ status: 'draft', minGroupSize: 5, minCommentGroupSize: 10, invited: 0 });
    const opened = await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${a.id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toEqual({ invited: c.regionStaff.length, emailed: 0, delivery: 'download' });
    expect(errorOf(await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${a.id}/open`))).toEqual([409, 'already_open']);

    const [employeeId] = c.regionStaff.slice(-1);
    const stale = await linkFor(t, c, a.id, employeeId!);
    const link = (await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${a.id}/invitations/${employeeId}/link`)).json();
    expect(link.url).toMatch(new RegExp(`/a/${link.token}$`));
    expect(errorOf(await answerJson(stale, SAMPLE_ANSWERS))).toEqual([404, 'not_found']);

    const comment = '店里排队太久了，可以打我电话 13812345678 聊聊';
    const first = await answerJson(link.token, { ...SAMPLE_ANSWERS, comment });
    expect(first.statusCode, first.body).toBe(201);
    expect(errorOf(await answerJson(link.token, SAMPLE_ANSWERS))).toEqual([409, 'already_answered']);
    expect(errorOf(await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${a.id}/invitations/${employeeId}/link`))).toEqual([409, 'already_answered']);

    const rows = await t.ctx.db.tenant(c.org.orgId, async (tx) => ({
      answers: await tx.query<Record<string, unknown>>(`SELECT * FROM assessment_answers WHERE org_id = $1 AND assessment_id = $2`, [c.org.orgId, a.id]),
      comments: await tx.query<Record<string, unknown>>(`SELECT * FROM assessment_comments WHERE org_id = $1 AND assessment_id = $2`, [c.org.orgId, a.id]),
      invitation: await tx.query<{ answered: boolean; token_hash: string }>(`SELECT answered, token_hash FROM assessment_invitations WHERE org_id = $1 AND assessment_id = $2 AND employee_id = $3`, [c.org.orgId, a.id, employeeId]),
    }));
    expect(rows.answers).toHaveLength(1);
    expect(Object.keys(rows.answers[0]!).sort()).toEqual(['answers', 'assessment_id', 'id', 'level', 'org_id', 'tenure_band', 'unit_id']);
    expect(rows.answers[0]).toMatchObject({ unit_id: c.units.store, level: 'non_manager', answers: SAMPLE_ANSWERS });
    const stored = JSON.stringify([rows.answers, rows.comments]);
    for (const secret of [employeeId!, link.token, rows.invitation[0]!.token_hash]) expect(stored).not.toContain(secret);
    expect(Object.keys(rows.comments[0]!).sort()).toEqual(['assessment_id', 'id', 'level', 'org_id', 'text', 'unit_id']);
    expect(rows.comments[0]!.text).not.toContain('13812345678');
    expect(rows.invitation[0]!.answered).toBe(true);
  });

  it('gives invitations the level from the position (or inferred) and the tenure band from the start date', async () => {
    const { id } = await openAssessment(t, c);
    const rows = await t.ctx.db.tenant(c.org.orgId, (tx) =>
      tx.query<{ employee_id: string; level: string; tenure_band: string | null }>(`SELECT employee_id, level, tenure_band FROM assessment_invitations WHERE org_id = $1 AND assessment_id = $2`, [c.org.orgId, id]),
    );
    const byId = new Map(rows.map((r) => [r.employee_id, r]));
    const [director, storeManager, s0, s1, s2] = c.regionStaff.map((e) => byId.get(e)!);
    expect([director!.level, storeManager!.level, s0!.level, s2!.level]).toEqual(['executive', 'manager', 'non_manager', 'non_manager']);
    expect([s0!.tenure_band, s1!.tenure_band, s2!.tenure_band]).toEqual(['lt1', 'y5_plus', null]);
    expect(rows.some((r) => !c.regionStaff.includes(r.employee_id))).toBe(false);
  });

  it('refuses invalid answers with invalid_request, and answers to closed assessments with 410', async () => {
    const { id } = await openAssessment(t, c);
    const token = await linkFor(t, c, id, c.regionStaff[0]!);
    // Each bad value inside an otherwise complete set of answers: only that item is named (the over-long comment is
    // already refused by the request schema).
    const bads: Array<Record<string, number | string>> = [{ empathy_1: 6 }, { empathy_1: 0 }, { empathy_1: 2.5 }, { empathy_1: '4' }, { vision_state: 'amazing' }, { vision_state: 3 }, { no_such_item: 3 }];
    for (const bad of bads) {
      const res = await answerJson(token, completeAnswers('vision-culture', bad));
      expect(errorOf(res), JSON.stringify(bad)).toEqual([400, 'invalid_request']);
      expect(Object.keys(res.json().error.details.fields), JSON.stringify(bad)).toEqual(Object.keys(bad));
    }
    expect(errorOf(await answerJson(token, { ...SAMPLE_ANSWERS, comment: 'x'.repeat(2001) }))).toEqual([400, 'invalid_request']);
    // Every likert and single-choice item is required; only the open question may stay empty.
    const { empathy_2: _skipped, ...missingLikert } = SAMPLE_ANSWERS;
    const missing = await answerJson(token, missingLikert);
    expect(errorOf(missing)).toEqual([400, 'invalid_request']);
    expect(missing.json().error.details.fields).toEqual({ empathy_2: 'required' });
    const { vision_state: _state, ...missingSingle } = SAMPLE_ANSWERS;
    expect((await answerJson(token, missingSingle)).json().error.details.fields).toEqual({ vision_state: 'required' });
    expect(errorOf(await answerJson(token, { comment: 'only a comment' }))).toEqual([400, 'invalid_request']);
    expect(errorOf(await answerJson(token, {}))).toEqual([400, 'invalid_request']);
    expect(errorOf(await answerJson('x'.repeat(32), SAMPLE_ANSWERS))).toEqual([404, 'not_found']);
    expect((await answerJson(token, { ...SAMPLE_ANSWERS, comment: 'x'.repeat(2000) })).statusCode).toBe(201);

    const other = await linkFor(t, c, id, c.regionStaff[1]!);
    expect((await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${id}/close`)).json().status).toBe('closed');
    expect(errorOf(await answerJson(other, SAMPLE_ANSWERS))).toEqual([410, 'assessment_closed']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${id}/close`))).toEqual([409, 'assessment_closed']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${id}/open`))).toEqual([409, 'assessment_closed']);
    expect(errorOf(await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${id}/invitations/${c.regionStaff[2]}/link`))).toEqual([410, 'assessment_closed']);

    const draft = await createAssessment(t, c);
    expect(errorOf(await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${draft.id}/invitations/${c.regionStaff[0]}/link`))).toEqual([409, 'assessment_not_open']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${draft.id}/close`))).toEqual([409, 'assessment_not_open']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessments', { templateKey: 'nope', name: 'x', closesAt: CLOSES_AT }))).toEqual([400, 'invalid_request']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessments', { templateKey: 'pulse', name: 'x', closesAt: '2025-01-01T00:00:00Z' }))).toEqual([400, 'invalid_request']);
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessments', { templateKey: 'pulse', name: 'x', closesAt: CLOSES_AT, minGroupSize: 2 }))).toEqual([400, 'invalid_request']);
    const badAudience = { templateKey: 'pulse', name: 'x', closesAt: CLOSES_AT, audience: { unitIds: [crypto.randomUUID()] } };
    expect(errorOf(await send(t, c.org.adminKey, 'POST', '/api/v1/assessments', badAudience))).toEqual([400, 'invalid_request']);
  });

  it('fixes thresholds and audience at opening', async () => {
    const a = await createAssessment(t, c, { minGroupSize: 4, minCommentGroupSize: 8 });
    expect(errorOf(await send(t, c.org.adminKey, 'PATCH', `/api/v1/assessments/${a.id}`, { minCommentGroupSize: 3 }))).toEqual([400, 'invalid_request']);
    const changed = await send(t, c.org.adminKey, 'PATCH', `/api/v1/assessments/${a.id}`, { minGroupSize: 6, minCommentGroupSize: 12 });
    expect(changed.json()).toMatchObject({ minGroupSize: 6, minCommentGroupSize: 12 });
    await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${a.id}/open`);
    for (const body of [{ minGroupSize: 3 }, { minCommentGroupSize: 20 }, { audience: {} }]) {
      expect(errorOf(await send(t, c.org.adminKey, 'PATCH', `/api/v1/assessments/${a.id}`, body))).toEqual([409, 'thresholds_fixed']);
    }
    const renamed = await send(t, c.org.adminKey, 'PATCH', `/api/v1/assessments/${a.id}`, { name: 'Renamed' });
    expect(renamed.json()).toMatchObject({ name: 'Renamed', minGroupSize: 6, minCommentGroupSize: 12, status: 'open' });
  });

  it('lets only admins create, open, close and hand out links; hides drafts from others; partners get 403', async () => {
    const draft = await createAssessment(t, c);
    const { id: open } = await openAssessment(t, c);
    for (const key of [c.managerKey, c.employeeKey]) {
      expect(errorOf(await send(t, key, 'POST', '/api/v1/assessments', { templateKey: 'pulse', name: 'x', closesAt: CLOSES_AT }))).toEqual([403, 'forbidden']);
      expect(errorOf(await send(t, key, 'POST', `/api/v1/assessments/${draft.id}/open`))).toEqual([403, 'forbidden']);
      expect(errorOf(await send(t, key, 'POST', `/api/v1/assessments/${open}/close`))).toEqual([403, 'forbidden']);
      expect(errorOf(await send(t, key, 'PATCH', `/api/v1/assessments/${draft.id}`, { name: 'x' }))).toEqual([403, 'forbidden']);
      expect(errorOf(await send(t, key, 'GET', `/api/v1/assessments/${open}/invitations/${c.regionStaff[0]}/link`))).toEqual([403, 'forbidden']);
      expect(errorOf(await send(t, key, 'GET', `/api/v1/assessments/${open}/invitations.csv`))).toEqual([403, 'forbidden']);
      expect(errorOf(await send(t, key, 'POST', `/api/v1/assessments/${open}/remind`))).toEqual([403, 'forbidden']);
      expect(errorOf(await send(t, key, 'GET', `/api/v1/assessments/${draft.id}`))).toEqual([404, 'not_found']);
      expect((await send(t, key, 'GET', `/api/v1/assessments/${open}`)).statusCode).toBe(200);
      const ids = (await send(t, key, 'GET', '/api/v1/assessments')).json().items.map((x: { id: string }) => x.id);
      expect(ids).toContain(open);
      expect(ids).not.toContain(draft.id);
    }
    for (const [method, url] of [
      ['GET', '/api/v1/assessments'],
      ['GET', `/api/v1/assessments/${open}`],
      ['GET', '/api/v1/assessment-templates'],
      ['POST', `/api/v1/assessments/${draft.id}/open`],
    ] as const) {
      expect(errorOf(await send(t, c.partnerKey, method, url)), url).toEqual([403, 'forbidden']);
    }
  });
});
