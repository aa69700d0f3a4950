import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { readLabelledComments, splitLabelled } from './adapter.data.ts';

// An admin's review of comment labels: the comments whose scores disagree with the label shown, and
// corrections, which are admin-only, scoped to the organisation, shown at once and used in training.

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
  { key: 'comment', type: 'text', title: { 'zh-CN': '还有什么想说的？', en: 'Anything else?' } },
];

let t: TestApp;
const send = (method: InjectOptions['method'], key: string, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });

interface Org {
  org: TestOrg;
  surveyId: string;
}
let A: Org;
let B: Org;
/** Response ids in org A by role. */
const ids: Record<'sarcasm' | 'praise' | 'complaint' | 'phone' | 'mixed', string> = { sarcasm: '', praise: '', complaint: '', phone: '', mixed: '' };
let inB: string;

async function buildSurveyOrg(label: string): Promise<Org> {
  const org = await buildOrg(t.ctx, `${label}-${Math.random().toString(36).slice(2, 8)}`);
  const survey = await send('POST', org.adminKey, '/api/v1/surveys', { name: 'Review', status: 'active', questions: QUESTIONS });
  expect(survey.statusCode, survey.body).toBe(201);
  return { org, surveyId: survey.json().id };
}

async function submit(o: Org, answers: Record<string, unknown>, submittedAt: string): Promise<string> {
  const res = await send('POST', o.org.adminKey, '/api/v1/responses', { surveyId: o.surveyId, answers, submittedAt });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

const shownLabel = async (orgId: string, responseId: string) =>
  (await t.ctx.db.tenant(orgId, (tx) => tx.query<{ sentiment: string }>(`SELECT sentiment FROM text_analyses WHERE response_id = $1`, [responseId])))[0]?.sentiment;

beforeAll(async () => {
  t = await createTestApp();
  A = await buildSurveyOrg('alpha');
  B = await buildSurveyOrg('bravo');
  // A promoter's score beside a complaint: the scores say positive, the comment (and the model) negative.
  ids.sarcasm = await submit(A, { nps: 10, comment: '等了一个小时才上菜，太失望了' }, '2026-01-04T10:00:00.000Z');
  ids.praise = await submit(A, { nps: 10, csat: 5, comment: '服务很热情，上菜也快' }, '2026-01-04T11:00:00.000Z');
  ids.complaint = await submit(A, { nps: 1, comment: '服务员态度很差，叫了几次都没人理' }, '2026-01-04T12:00:00.000Z');
  ids.phone = await submit(A, { nps: 0, comment: '太差了，打我电话 13812345678 说清楚' }, '2026-01-04T13:00:00.000Z');
  ids.mixed = await submit(A, { nps: 10, csat: 1, comment: '一般般' }, '2026-01-04T14:00:00.000Z'); // scores disagree: no weak label
  inB = await submit(B, { nps: 10, comment: '等了一个小时才上菜，太失望了' }, '2026-01-04T10:00:00.000Z');
  await t.ctx.events.drain();
});
afterAll(() => t.close());

describe('comments for review', () => {
  it('lists comments newest first with their scores, the label they suggest and the text redacted', async () => {
    const res = await send('GET', A.org.adminKey, '/api/v1/text/comments?limit=2');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items.map((c: { responseId: string }) => c.responseId)).toEqual([ids.mixed, ids.phone]);
    expect(page.items[0]).toMatchObject({ scoreLabel: null, nps: 10, csat: 1, ces: null, correction: null });
    expect(page.items[1]).toMatchObject({ scoreLabel: 'negative', sentiment: 'negative', lang: 'zh' });
    expect(page.items[1].text).toContain('[电话]');
    expect(res.body).not.toContain('13812345678');
    const next = (await send('GET', A.org.adminKey, `/api/v1/text/comments?limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items.map((c: { responseId: string }) => c.responseId)).toEqual([ids.complaint, ids.praise]);
    expect((await send('GET', A.org.adminKey, '/api/v1/text/comments?cursor=bm9wZQ')).statusCode).toBe(400);
  });

  it('with disagreeing=true, keeps those whose scores suggest another label than the one shown', async () => {
    const res = await send('GET', A.org.adminKey, '/api/v1/text/comments?disagreeing=true');
    expect(res.json().items.map((c: { responseId: string }) => c.responseId)).toEqual([ids.sarcasm]);
    expect(res.json().items[0]).toMatchObject({ sentiment: 'negative', scoreLabel: 'positive' });
  });

  it('is for admins only', async () => {
    const manager = await buildEmployeeWithKey(t.ctx, A.org, { role: 'manager' });
    expect((await send('GET', manager.key, '/api/v1/text/comments')).statusCode).toBe(403);
  });
});

describe('correcting a label', () => {
  it('refuses managers and employees (403) and leaves the label as it was', async () => {
    for (const role of ['manager', 'employee'] as const) {
      const staff = await buildEmployeeWithKey(t.ctx, A.org, { role });
      const res = await send('PUT', staff.key, `/api/v1/text/comments/${ids.praise}/label`, { label: 'negative' });
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect(await shownLabel(A.org.orgId, ids.praise)).toBe('positive');
  });

  it('answers 404 for another organisation’s comment or an unknown one, and 400 for a label that is not one', async () => {
    const across = await send('PUT', A.org.adminKey, `/api/v1/text/comments/${inB}/label`, { label: 'positive' });
    expect(across.statusCode).toBe(404);
    expect(across.json().error.code).toBe('not_found');
    expect(await shownLabel(B.org.orgId, inB)).toBe('negative');
    expect((await send('PUT', A.org.adminKey, `/api/v1/text/comments/${randomUUID()}/label`, { label: 'positive' })).statusCode).toBe(404);
    expect((await send('DELETE', A.org.adminKey, `/api/v1/text/comments/${inB}/label`)).statusCode).toBe(404);
    const bad = await send('PUT', A.org.adminKey, `/api/v1/text/comments/${ids.praise}/label`, { label: 'angry' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
  });

  it('changes the stored label at once, records who and when, and audit-logs it', async () => {
    const res = await send('PUT', A.org.adminKey, `/api/v1/text/comments/${ids.complaint}/label`, { label: 'positive' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ responseId: ids.complaint, sentiment: 'positive', scoreLabel: 'negative', correction: { label: 'positive' } });
    expect(await shownLabel(A.org.orgId, ids.complaint)).toBe('positive');
    const [stored] = await t.ctx.db.tenant(A.org.orgId, (tx) => tx.query(`SELECT label, corrected_by_type, corrected_at FROM text_label_corrections WHERE response_id = $1`, [ids.complaint]));
    expect(stored).toMatchObject({ label: 'positive', corrected_by_type: 'api_key' });
    const [audit] = await t.ctx.db.tenant(A.org.orgId, (tx) =>
      tx.query<{ action: string; before: unknown; after: unknown }>(`SELECT action, before, after FROM audit_log WHERE entity_id = $1`, [ids.complaint]),
    );
    expect(audit).toMatchObject({ action: 'text.label.corrected', before: { sentiment: 'negative', correction: null }, after: { correction: 'positive' } });
    // The stored response detail shows it too.
    expect((await send('GET', A.org.adminKey, `/api/v1/responses/${ids.complaint}`)).body).toContain('"sentiment":"positive"');
  });

  it('enters training and wins over the label the scores suggest; a neutral correction takes the comment out', async () => {
    expect((await send('PUT', A.org.adminKey, `/api/v1/text/comments/${ids.sarcasm}/label`, { label: 'negative' })).statusCode).toBe(200);
    expect((await send('PUT', A.org.adminKey, `/api/v1/text/comments/${ids.praise}/label`, { label: 'neutral' })).statusCode).toBe(200);
    const rows = await t.ctx.db.tenant(A.org.orgId, (tx) => readLabelledComments(tx, A.org.orgId));
    const byId = new Map(rows.map((r) => [r.responseId, r]));
    expect(byId.get(ids.sarcasm)).toMatchObject({ label: 'negative', isCorrection: true }); // NPS 10 said positive
    expect(byId.get(ids.complaint)).toMatchObject({ label: 'positive', isCorrection: true }); // NPS 1 said negative
    expect(byId.get(ids.phone)).toMatchObject({ label: 'negative', isCorrection: false });
    expect(byId.has(ids.praise)).toBe(false); // neutral: kept and shown, not trained on
    expect(byId.has(ids.mixed)).toBe(false); // its scores disagree
    expect(rows.slice(0, 2).every((r) => r.isCorrection)).toBe(true); // corrections first: the size cap never drops them
    const { train } = splitLabelled(rows);
    expect(train.filter((c) => c.isCorrection)).toHaveLength(2); // corrections always train, never held out
    const status = (await send('GET', A.org.adminKey, '/api/v1/text/adapter')).json();
    expect(status).toMatchObject({ status: 'collecting', labelled: 3, corrections: 3 });
    // Corrected comments leave the review list and appear under corrected=true.
    expect((await send('GET', A.org.adminKey, '/api/v1/text/comments?disagreeing=true')).json().items).toEqual([]);
    const corrected = (await send('GET', A.org.adminKey, '/api/v1/text/comments?corrected=true')).json().items;
    expect(corrected.map((c: { responseId: string }) => c.responseId)).toEqual([ids.complaint, ids.praise, ids.sarcasm]);
  });

  it('survives a re-analysis of the comment, and removing it shows the model’s label again', async () => {
    // The outbox delivers the comment's event to the text handler once more (as after a crash mid-batch).
    const [again] = await t.ctx.db.system((tx) =>
      tx.query(
        `UPDATE outbox_events SET handled_by = array_remove(handled_by, 'text.analyse-comments'), done_at = NULL
          WHERE name = 'response.submitted' AND payload->>'responseId' = $1 RETURNING id`,
        [ids.complaint],
      ),
    );
    expect(again).toBeDefined();
    expect((await t.ctx.events.drain()).events).toBeGreaterThanOrEqual(1); // and the comment.analysed it publishes again
    expect(await shownLabel(A.org.orgId, ids.complaint)).toBe('positive');
    const res = await send('DELETE', A.org.adminKey, `/api/v1/text/comments/${ids.complaint}/label`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ sentiment: 'negative', correction: null });
    expect(await shownLabel(A.org.orgId, ids.complaint)).toBe('negative');
    expect((await send('DELETE', A.org.adminKey, `/api/v1/text/comments/${ids.complaint}/label`)).statusCode).toBe(404);
  });
});
