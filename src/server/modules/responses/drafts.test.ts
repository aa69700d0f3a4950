import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { scheduleDraftJobs } from './drafts.jobs.ts';
import { buildResponsesFixture } from './responses.fixtures.ts';

// Survey logic end to end: conditions refused at save, answers to hidden questions refused, partial
// responses (JSON and the page-by-page form) completed under the same id, kept out of metrics, listed,
// resumed on a personal link, never shared on an anonymous one, and counted in the drop-off.

let t: TestApp;
let f: Awaited<ReturnType<typeof buildResponsesFixture>>;
let surveyId: string;
let address = 0;

const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });
/** Page 1: NPS and channel; page 2: why (detractors) or what they liked (promoters), piping the employee; page 3: a comment. */
const LOGIC_QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: title('您有多大可能推荐{{unit.name}}？', 'How likely are you to recommend {{unit.name}}?') },
  { key: 'channel', type: 'single', title: title('渠道', 'Channel'), options: [{ value: 'store', label: title('门店', 'Store') }, { value: 'app', label: title('应用', 'App') }] },
  { key: 'why', type: 'multi', required: true, page: 2, showIf: { question: 'nps', op: 'lte', value: 6 }, title: title('哪里做得不好？', 'What went wrong?'), options: [{ value: 'staff', label: title('员工', 'Staff') }, { value: 'price', label: title('价格', 'Price') }] },
  { key: 'liked', type: 'text', required: true, page: 2, showIf: { question: 'nps', op: 'gte', value: 9 }, title: title('{{employee.name}}哪里做得好？', 'What did {{employee.name}} do well?') },
  { key: 'comment', type: 'text', page: 3, title: title('还有什么？', 'Anything else?') },
];

beforeAll(async () => {
  t = await createTestApp();
  f = await buildResponsesFixture(t);
  surveyId = await f.createSurvey(LOGIC_QUESTIONS);
});
afterAll(() => t.close());

const nextAddress = () => `10.7.${(++address >> 8) & 255}.${address & 255}`;
const submitJson = (token: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/public/responses/${token}`, payload, remoteAddress: nextAddress() });
const postForm = (token: string, fields: Record<string, string | string[]>) => {
  t.clock.advance(10_000);
  // Every rendered page carries its renderedAt stamp; a human took 20 s over it.
  const body = new URLSearchParams(Object.entries({ renderedAt: stamp(), ...fields }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])));
  return t.app.inject({ method: 'POST', url: `/s/${token}`, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: nextAddress() });
};
const getPage = (token: string, query = '') => t.app.inject({ method: 'GET', url: `/s/${token}${query}`, remoteAddress: nextAddress() });
const createLink = async (body: Record<string, unknown> = {}) => {
  const res = await f.post(f.org.adminKey, `/api/v1/surveys/${surveyId}/links`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
};
const list = async (query: string) => {
  const res = await f.get(f.org.adminKey, `/api/v1/responses?surveyId=${surveyId}&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<{ id: string; status: string; answers: Record<string, unknown> }>;
};
const rolledUp = async () => (await f.query<{ n: number }>(`SELECT COALESCE(sum(responses), 0)::int AS n FROM metric_rollups WHERE survey_id = $1 AND grain = 'day'`, [surveyId]))[0]!.n;
const stamp = () => String(t.clock.now().getTime() - 20_000);

describe('saving a survey with logic', () => {
  it('documents showIf, page, partial and drop-off in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('showIf');
    expect(res.body).toContain('/api/v1/surveys/{id}/drop-off');
    expect(res.body).toContain('draftToken');
  });

  it('refuses a condition on a later or same-page question with a clear 400', async () => {
    const sameSurvey = [LOGIC_QUESTIONS[0], { ...LOGIC_QUESTIONS[3], page: 1 }];
    const res = await f.post(f.org.adminKey, '/api/v1/surveys', { name: 'Bad logic', questions: sameSurvey });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.details.issues).toEqual([expect.objectContaining({ field: 'body.questions.1.showIf.question', message: expect.stringMatching(/same page/) })]);
    const later = await f.post(f.org.adminKey, '/api/v1/surveys', { name: 'Bad logic', questions: [{ ...LOGIC_QUESTIONS[3], page: 1, showIf: { question: 'nps', op: 'gte', value: 9 } }, LOGIC_QUESTIONS[0]] });
    expect(later.json().error.details.issues[0].message).toMatch(/not an earlier question/);
  });
});

describe('answers and partial responses through the JSON API', () => {
  it('refuses an answer to a question its condition hides (400 invalid_request), also on the admin API', async () => {
    const bad = await submitJson(await createLink(), { answers: { nps: 10, liked: 'fast', why: ['price'] } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_request']);
    expect(Object.keys(bad.json().error.details.answers)).toEqual(['why']);
    const api = await f.post(f.org.adminKey, '/api/v1/responses', { surveyId, answers: { nps: 8, liked: 'x' } });
    expect(api.statusCode).toBe(400);
  });

  it('saves a partial (202), lists it as partial, keeps it out of metrics, then completes the same id', async () => {
    const served = await f.createServedCustomer();
    const token = await createLink({ interactionId: served.interactionId });
    const before = await rolledUp();
    const partial = await submitJson(token, { answers: { nps: 3, channel: 'store' }, partial: true });
    expect(partial.statusCode, partial.body).toBe(202);
    const { id } = partial.json();
    expect(partial.json().draftToken).toBeUndefined();
    expect((await list('status=partial')).find((r) => r.id === id)).toMatchObject({ status: 'partial', answers: { nps: 3, channel: 'store' } });
    expect((await list('')).some((r) => r.id === id)).toBe(false);
    expect(await rolledUp()).toBe(before);
    expect(await f.query(`SELECT 1 FROM outbox_events WHERE payload->>'responseId' = $1`, [id])).toEqual([]);
    const detail = await f.get(f.org.adminKey, `/api/v1/responses/${id}`);
    expect(detail.json()).toMatchObject({ id, status: 'partial', employee: { id: served.employeeId }, survey: { id: surveyId } });

    // Missing the required "why" of a detractor: refused, the partial stays.
    expect((await submitJson(token, { answers: {} })).statusCode).toBe(400);
    const done = await submitJson(token, { answers: { why: ['staff'] } });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().id).toBe(id);
    const [complete] = (await list('')).filter((r) => r.id === id);
    expect(complete).toMatchObject({ status: 'complete', answers: { nps: 3, channel: 'store', why: ['staff'] } });
    expect((await list('status=partial')).some((r) => r.id === id)).toBe(false);
    expect(await rolledUp()).toBe(before + 1);
    expect((await submitJson(token, { answers: { nps: 1 }, partial: true })).statusCode).toBe(409);
  });

  it('drops a saved answer an earlier changed answer no longer asks for', async () => {
    const token = await createLink({ customerId: (await f.createServedCustomer()).customerId });
    await submitJson(token, { answers: { nps: 2, why: ['price'] }, partial: true });
    const done = await submitJson(token, { answers: { nps: 10, liked: 'the tea' } });
    expect(done.statusCode, done.body).toBe(201);
    expect((await list('')).find((r) => r.id === done.json().id)!.answers).toEqual({ nps: 10, liked: 'the tea' });
  });

  it('continues an anonymous link’s partial only with its draft token', async () => {
    const token = await createLink();
    const first = await submitJson(token, { answers: { nps: 9 }, partial: true });
    expect(first.statusCode).toBe(202);
    const { id, draftToken } = first.json();
    expect(draftToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // Another respondent on the same link without the token starts their own response.
    const other = await submitJson(token, { answers: { nps: 5, why: ['price'] } });
    expect(other.json().id).not.toBe(id);
    const done = await submitJson(token, { answers: { liked: 'quick' }, draftToken });
    expect([done.statusCode, done.json().id]).toEqual([201, id]);
  });
});

describe('the page-by-page public form', () => {
  it('shows one page at a time, pipes the context, resumes a personal link and completes under the draft id', async () => {
    const served = await f.createServedCustomer();
    const token = await createLink({ interactionId: served.interactionId, lang: 'en' });
    const first = await getPage(token);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Page 1 of 3');
    expect(first.body).toContain('How likely are you to recommend Head office?');
    expect(first.body).not.toContain('name="liked"');
    expect(first.body).not.toContain('name="nav" value="back"');

    const saved = await postForm(token, { nps: '10', channel: 'app', page: '1', lang: 'en', renderedAt: stamp(), nav: 'next' });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `/s/${token}?lang=en`]);
    const [draft] = await list('status=partial').then((rows) => rows.filter((r) => r.answers.channel === 'app'));
    expect(draft).toMatchObject({ status: 'partial', answers: { nps: 10, channel: 'app' } });

    // Opening the same link later resumes at page 2: the promoter's question, piping the serving employee.
    const resumed = await getPage(token);
    expect(resumed.body).toContain('Page 2 of 3');
    expect(resumed.body).toContain('What did 李雷 do well?');
    expect(resumed.body).not.toContain('name="why"');
    expect(resumed.body).toContain('name="nav" value="back"');
    // Back shows page 1 with the saved answers.
    const back = await postForm(token, { page: '2', nav: 'back', lang: 'en' });
    expect(back.headers.location).toBe(`/s/${token}?lang=en&page=1`);
    expect((await getPage(token, '?lang=en&page=1')).body).toMatch(/value="10" required checked/);

    const missing = await postForm(token, { page: '2', lang: 'en', nav: 'next', liked: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Please answer this question');
    expect((await postForm(token, { page: '2', lang: 'en', nav: 'next', liked: 'Kind and quick' })).statusCode).toBe(303);
    const last = await postForm(token, { page: '3', lang: 'en', nav: 'next', comment: 'Thanks' });
    expect([last.statusCode, last.headers.location]).toEqual([303, `/s/${token}/thanks?lang=en`]);
    const [row] = await f.query<{ id: string; answers: unknown; flags: string[] }>(`SELECT id, answers, flags FROM responses WHERE link_id = (SELECT id FROM survey_links WHERE token = $1)`, [token]);
    expect(row).toMatchObject({ id: draft!.id, answers: { nps: 10, channel: 'app', liked: 'Kind and quick', comment: 'Thanks' }, flags: [] });
    expect(await f.query(`SELECT 1 FROM response_drafts WHERE id = $1`, [draft!.id])).toEqual([]);
    expect((await getPage(token)).statusCode).toBe(409);
  });

  it('carries an anonymous link’s draft in a hidden field, never shared with a new visitor', async () => {
    const token = await createLink();
    const next = await postForm(token, { nps: '4', page: '1', lang: 'zh-CN', renderedAt: stamp(), nav: 'next' });
    expect(next.statusCode).toBe(200);
    expect(next.body).toContain('第 2 页，共 3 页');
    const secret = /name="draft" value="([A-Za-z0-9_-]+)"/.exec(next.body)![1]!;
    expect((await getPage(token, '?lang=zh-CN')).body).toContain('第 1 页，共 3 页');
    // A forged secret starts over at page 1 rather than reaching anyone's draft.
    const forged = await postForm(token, { page: '2', lang: 'zh-CN', nav: 'next', draft: 'A'.repeat(24), why: 'price' });
    expect(forged.statusCode).toBe(400);
    const page3 = await postForm(token, { page: '2', lang: 'zh-CN', nav: 'next', draft: secret, why: ['staff', 'price'] });
    expect(page3.body).toContain('第 3 页，共 3 页');
    const done = await postForm(token, { page: '3', lang: 'zh-CN', nav: 'next', draft: secret });
    expect(done.statusCode).toBe(303);
  });
});

describe('drop-off', () => {
  it('counts per question who reached, answered and stopped, over completes and partials of the version', async () => {
    const res = await f.get(f.org.adminKey, `/api/v1/surveys/${surveyId}/drop-off`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const completes = (await list('')).length;
    const partials = (await list('status=partial')).length;
    expect([body.completed, body.partial]).toEqual([completes, partials]);
    const by = Object.fromEntries(body.questions.map((q: { key: string }) => [q.key, q]));
    expect(body.questions.map((q: { key: string }) => q.key)).toEqual(['nps', 'channel', 'why', 'liked', 'comment']);
    // Every respondent reached and answered NPS; partials stopped at the first question of their next page.
    expect(by.nps).toMatchObject({ reached: completes + partials, answered: completes + partials, stopped: 0 });
    const stopped = body.questions.reduce((n: number, q: { stopped: number }) => n + q.stopped, 0);
    expect(stopped).toBe(partials);
    expect(by.comment.reached).toBe(completes);
    for (const q of body.questions) expect(q.answered).toBeLessThanOrEqual(q.reached);
    // An unknown survey is 404.
    expect((await f.get(f.org.adminKey, `/api/v1/surveys/00000000-0000-4000-8000-000000000000/drop-off`)).statusCode).toBe(404);
  });

  it('gives exact figures on a small survey', async () => {
    const id = await f.createSurvey([
      LOGIC_QUESTIONS[0],
      { ...LOGIC_QUESTIONS[2], page: 2 },
      { key: 'comment', type: 'text', page: 2, title: title('还有什么？', 'Anything else?') },
    ]);
    const link = async () => (await f.post(f.org.adminKey, `/api/v1/surveys/${id}/links`, {})).json().token as string;
    expect((await submitJson(await link(), { answers: { nps: 9, comment: 'great' } })).statusCode).toBe(201);
    expect((await submitJson(await link(), { answers: { nps: 3, why: ['price'] } })).statusCode).toBe(201);
    expect((await submitJson(await link(), { answers: { nps: 2 }, partial: true })).statusCode).toBe(202);
    expect((await submitJson(await link(), { answers: { nps: 8 }, partial: true })).statusCode).toBe(202);
    const body = (await f.get(f.org.adminKey, `/api/v1/surveys/${id}/drop-off`)).json();
    expect([body.completed, body.partial]).toEqual([2, 2]);
    expect(body.questions.map((q: Record<string, unknown>) => [q.key, q.page, q.reached, q.answered, q.stopped])).toEqual([
      ['nps', 1, 4, 4, 0],
      ['why', 2, 2, 1, 1],
      ['comment', 2, 4, 1, 1],
    ]);
  });

  it('deletes drafts nobody touched for 30 days, with the comments they hold, and keeps the others', async () => {
    const old = await submitJson(await createLink(), { answers: { nps: 4, channel: 'store' }, partial: true });
    t.clock.advance(20 * DAY);
    const recent = await submitJson(await createLink(), { answers: { nps: 5, channel: 'store' }, partial: true });
    t.clock.advance(11 * DAY);
    await scheduleDraftJobs(t.ctx);
    await t.ctx.jobs.runDue();
    const left = await f.query<{ id: string }>(`SELECT id FROM response_drafts WHERE id = ANY ($1::uuid[])`, [[old.json().id, recent.json().id]]);
    expect(left.map((r) => r.id)).toEqual([recent.json().id]);
  });
});
