import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { analyzeText } from '../analyze.ts';
import { ordinaryAnswers, simulatedAnswers, type SimulatedAnswer } from './adapter.fixtures.ts';
import { forgetAdapters } from './adapter.cache.ts';
import { scheduleAdapterTraining, scheduleTextJobs } from './adapter.jobs.ts';

// An organisation's own sentiment model on a real database: trained by the nightly job on the comments its
// customers wrote (with the scores beside them), used through the real ingest path, and invisible to others.

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
  { key: 'ces', type: 'ces', title: { 'zh-CN': '费力度', en: 'Effort' } },
  { key: 'comment', type: 'text', title: { 'zh-CN': '还有什么想说的？', en: 'Anything else?' } },
];
/** Sichuanese the shared model reads as neutral or negative ("the tripe was really great this time"), in a frame no training comment uses. */
const NEW_LOCAL_PRAISE = '这回的黄喉硬是巴适得板';

let t: TestApp;
const send = (method: InjectOptions['method'], key: string, url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });

interface Org {
  org: TestOrg;
  surveyId: string;
}

async function buildSurveyOrg(label: string): Promise<Org> {
  const org = await buildOrg(t.ctx, `${label}-${Math.random().toString(36).slice(2, 8)}`);
  const survey = await send('POST', org.adminKey, '/api/v1/surveys', { name: 'Hot pot', status: 'active', questions: QUESTIONS });
  expect(survey.statusCode, survey.body).toBe(201);
  return { org, surveyId: survey.json().id };
}

/** Writes the answers through the batch ingest path and lets the outbox analyse their comments. */
async function ingest(o: Org, answers: SimulatedAnswer[]): Promise<void> {
  const items = answers.map((a) => ({ surveyId: o.surveyId, answers: { nps: a.nps, csat: a.csat, ces: a.ces, comment: a.comment } }));
  for (let i = 0; i < items.length; i += 500) {
    const res = await send('POST', o.org.adminKey, '/api/v1/responses/batch', { items: items.slice(i, i + 500), runRules: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().errors).toEqual([]);
  }
  await t.ctx.events.drain();
}

/** Submits one response the way an integrator does and returns its stored analysis once the outbox has run. */
async function submitAndAnalyse(o: Org, comment: string, nps = 8) {
  const res = await send('POST', o.org.adminKey, '/api/v1/responses', { surveyId: o.surveyId, answers: { nps, comment } });
  expect(res.statusCode, res.body).toBe(201);
  await t.ctx.events.drain();
  const [row] = await t.ctx.db.tenant(o.org.orgId, (tx) =>
    tx.query<{ sentiment: string; score: number }>(`SELECT sentiment, score FROM text_analyses WHERE response_id = $1`, [res.json().id]),
  );
  return { sentiment: row!.sentiment, score: Number(row!.score) };
}

const status = async (o: Org) => {
  const res = await send('GET', o.org.adminKey, '/api/v1/text/adapter');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

let hotPot: Org;
let neighbour: Org;
let ordinary: Org;
let small: Org;
beforeAll(async () => {
  t = await createTestApp();
  hotPot = await buildSurveyOrg('hotpot');
  neighbour = await buildSurveyOrg('neighbour');
  ordinary = await buildSurveyOrg('ordinary');
  small = await buildSurveyOrg('small');
  await ingest(hotPot, simulatedAnswers(700, 11));
  await ingest(ordinary, ordinaryAnswers(560, 12));
  await ingest(small, simulatedAnswers(450, 13));
  await ingest(neighbour, simulatedAnswers(40, 14));
  // The clock stands at 17:00 in Shanghai: every organisation's nightly training is due.
  await scheduleTextJobs(t.ctx);
  await t.ctx.jobs.runDue();
}, 240_000);
afterAll(() => t.close());

describe('the nightly job', () => {
  it('trains an organisation with its own vocabulary; the adapter beats the shared model on its held-out comments and is active', async () => {
    const s = await status(hotPot);
    console.log('simulated organisation, held out:', JSON.stringify(s.heldOut));
    expect(s).toMatchObject({ status: 'active', reason: null, needed: 500, corrections: 0, trainedBy: 'nightly' });
    expect(s.labelled).toBeGreaterThanOrEqual(500);
    expect(s.labelled).toBeLessThan(700); // contradicting and middling scores label nothing
    expect(s.heldOut.n).toBeGreaterThanOrEqual(100);
    expect(s.trainN + s.heldOut.n).toBe(s.labelled);
    expect(s.heldOut.adapterAccuracy).toBeGreaterThan(s.heldOut.sharedAccuracy + 0.05); // and "active" says by a margin chance does not explain
    expect(s.heldOut.adapterBySign).toBeGreaterThanOrEqual(s.heldOut.sharedBySign);
  });

  it('labels a new comment in that vocabulary right through the real ingest path', async () => {
    expect(analyzeText(NEW_LOCAL_PRAISE).sentiment).not.toBe('positive'); // what the shared model alone says
    expect(await submitAndAnalyse(hotPot, NEW_LOCAL_PRAISE)).toMatchObject({ sentiment: 'positive' });
    // The integrators' endpoint uses the caller's adapter too.
    const res = await send('POST', hotPot.org.adminKey, '/api/v1/text/analyze', { texts: [NEW_LOCAL_PRAISE] });
    expect(res.json().items[0].sentiment).toBe('positive');
  });

  it('leaks nothing to another organisation: the same text keeps the shared model’s analysis there', async () => {
    const shared = analyzeText(NEW_LOCAL_PRAISE);
    expect(await submitAndAnalyse(neighbour, NEW_LOCAL_PRAISE)).toEqual({ sentiment: shared.sentiment, score: shared.score });
    const res = await send('POST', neighbour.org.adminKey, '/api/v1/text/analyze', { texts: [NEW_LOCAL_PRAISE] });
    expect(res.json().items[0]).toMatchObject({ sentiment: shared.sentiment, score: shared.score });
    expect(await status(neighbour)).toMatchObject({ status: 'collecting', heldOut: null, trainedAt: null });
    const rows = await t.ctx.db.tenant(neighbour.org.orgId, (tx) => tx.query(`SELECT org_id FROM text_adapters`));
    expect(rows).toEqual([]);
  });

  it('stores no adapter below 500 labelled comments, and training now answers 409 not_enough_labels', async () => {
    const s = await status(small);
    expect(s).toMatchObject({ status: 'collecting', needed: 500 });
    expect(s.labelled).toBeLessThan(500);
    const res = await send('POST', small.org.adminKey, '/api/v1/text/adapter/train');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'not_enough_labels', details: { labelled: s.labelled, needed: 500 } });
  });

  it('stores an adapter that does not beat the shared model, inactive and unused', async () => {
    const s = await status(ordinary);
    expect(s).toMatchObject({ status: 'trained_inactive', reason: 'not_better' });
    expect(s.heldOut.sharedAccuracy).toBe(1);
    const comment = '服务员态度很差，叫了几次都没人理';
    const shared = analyzeText(comment);
    expect(await submitAndAnalyse(ordinary, comment, 2)).toEqual({ sentiment: shared.sentiment, score: shared.score });
  });

  it('is idempotent: a second run the same local day enqueues nothing, and retraining gives the same figures', async () => {
    expect(await scheduleAdapterTraining(t.ctx)).toBe(0);
    const before = await status(hotPot);
    const res = await send('POST', hotPot.org.adminKey, '/api/v1/text/adapter/train');
    expect(res.statusCode, res.body).toBe(200);
    // Two more comments were analysed since (one labelled); the verdict and figures barely move.
    expect(res.json()).toMatchObject({ status: 'active', trainedBy: 'admin' });
    expect(Math.abs(res.json().heldOut.adapterAccuracy - before.heldOut.adapterAccuracy)).toBeLessThan(0.02);
  });

  it('sets an adapter aside when the shared model changed since it was trained', async () => {
    await t.ctx.db.tenant(hotPot.org.orgId, (tx) => tx.query(`UPDATE text_adapters SET shared_fingerprint = 'an-older-model'`));
    expect(await status(hotPot)).toMatchObject({ status: 'trained_inactive', reason: 'shared_model_changed' });
    // This process still holds the adapter it trained for up to a minute; another process would read the row.
    forgetAdapters(t.ctx.db);
    expect((await submitAndAnalyse(hotPot, NEW_LOCAL_PRAISE)).sentiment).toBe(analyzeText(NEW_LOCAL_PRAISE).sentiment);
    expect((await send('POST', hotPot.org.adminKey, '/api/v1/text/adapter/train')).json()).toMatchObject({ status: 'active' });
    expect((await submitAndAnalyse(hotPot, NEW_LOCAL_PRAISE)).sentiment).toBe('positive');
  });

  it('lets only admins see or train the model', async () => {
    const manager = await buildEmployeeWithKey(t.ctx, hotPot.org, { role: 'manager' });
    expect((await send('GET', manager.key, '/api/v1/text/adapter')).statusCode).toBe(403);
    expect((await send('POST', manager.key, '/api/v1/text/adapter/train')).statusCode).toBe(403);
  });
});
