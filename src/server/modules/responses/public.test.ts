import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildResponsesFixture } from './responses.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildResponsesFixture>>;
let address = 0;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildResponsesFixture(t);
});
afterAll(() => t.close());

/** A link to the fixture's survey (personal when bound to a customer); returns its token. */
async function createLink(body: Record<string, unknown> = {}, surveyId = f.surveyId): Promise<string> {
  const res = await f.post(f.org.adminKey, `/api/v1/surveys/${surveyId}/links`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}

// Each request from its own address, so the per-address rate limit stays out of the way except where tested.
const submitJson = (token: string, payload: unknown, remoteAddress = nextAddress()) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/responses/${token}`, payload: payload as object, remoteAddress });
// The clock moves a second per submit, so the latest response is the one with the latest received_at.
const submitForm = (token: string, form: string, remoteAddress = nextAddress()) => {
  t.clock.advance(1000);
  return t.app.inject({ method: 'POST', url: `/s/${token}`, payload: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress });
};
const nextAddress = () => `10.9.${(++address >> 8) & 255}.${address & 255}`;
const humanStamp = () => String(t.clock.now().getTime() - 20_000);
const responseOf = async (id: string) =>
  (await f.query<{ flags: string[]; source: string; answers: Record<string, unknown>; link_id: string; customer_id: string; lang: string }>(
    `SELECT flags, source, answers, link_id, customer_id, lang FROM responses WHERE id = $1`,
    [id],
  ))[0]!;
const latestResponse = async () => (await f.query<{ id: string }>(`SELECT id FROM responses ORDER BY received_at DESC LIMIT 1`))[0]!.id;

describe('POST /api/v1/public/responses/:token', () => {
  it('takes one answer on a personal link, bound to its customer, and answers 409 already_answered after', async () => {
    const served = await f.createServedCustomer();
    const token = await createLink({ customerId: served.customerId, lang: 'zh-CN' });
    const first = await submitJson(token, { answers: { nps: 10, comment: '很满意' } });
    expect(first.statusCode, first.body).toBe(201);
    const row = await responseOf(first.json().id);
    expect(row).toMatchObject({ source: 'public', customer_id: served.customerId, lang: 'zh-CN', flags: [] });
    const second = await submitJson(token, { answers: { nps: 1 } });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('already_answered');
  });

  it('lets only one of two simultaneous submits on a personal link through', async () => {
    const served = await f.createServedCustomer();
    const token = await createLink({ customerId: served.customerId });
    const answers = await Promise.all([submitJson(token, { answers: { nps: 7 } }), submitJson(token, { answers: { nps: 8 } })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
  });

  it('keeps an anonymous link open for many respondents', async () => {
    const token = await createLink();
    for (let i = 0; i < 3; i++) expect((await submitJson(token, { answers: { nps: i } })).statusCode).toBe(201);
  });

  it('answers 404 for an unknown token, 410 for an expired link and for a closed survey, 400 for bad answers', async () => {
    expect((await submitJson('A'.repeat(32), { answers: { nps: 1 } })).statusCode).toBe(404);
    const expiring = await createLink({ expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString() });
    t.clock.advance(120_000);
    const expired = await submitJson(expiring, { answers: { nps: 1 } });
    expect([expired.statusCode, expired.json().error.code]).toEqual([410, 'link_expired']);

    const closedSurvey = await f.createSurvey();
    const token = await createLink({}, closedSurvey);
    expect((await f.send('PATCH', f.org.adminKey, `/api/v1/surveys/${closedSurvey}`, { status: 'closed' })).statusCode).toBe(200);
    const closed = await submitJson(token, { answers: { nps: 1 } });
    expect([closed.statusCode, closed.json().error.code]).toEqual([410, 'survey_closed']);

    const bad = await submitJson(await createLink(), { answers: { nps: 'ten' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.answers).toHaveProperty('nps');
  });

  it('rate-limits one address on one link', async () => {
    const token = await createLink();
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await submitJson(token, { answers: { nps: 5 } }, '10.200.0.1')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    expect((await submitJson(token, { answers: { nps: 5 } }, '10.200.0.2')).statusCode).toBe(201);
  });
});

describe('POST /s/:token (the public page form)', () => {
  it('reads a form-encoded submit (numbers, repeated checkbox keys, hidden fields), redirects to the thank-you page', async () => {
    const token = await createLink();
    const form = `nps=9&csat=5&tags=clean&tags=kind&reason=staff&comment=${encodeURIComponent('店员很亲切 friendly')}&ref=R-77&lang=en&website=&renderedAt=${humanStamp()}`;
    const res = await submitForm(token, form);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/s/${token}/thanks?lang=en`);
    const row = await responseOf(await latestResponse());
    expect(row).toMatchObject({ flags: [], lang: 'en', source: 'public' });
    expect(row.answers).toEqual({ nps: 9, csat: 5, tags: ['clean', 'kind'], reason: 'staff', comment: '店员很亲切 friendly', ref: 'R-77' });

    const thanks = await t.app.inject({ method: 'GET', url: res.headers.location as string });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.headers['content-type']).toContain('text/html');
    expect(thanks.body).toContain('Store survey');
  });

  it('accepts a filled honeypot silently but flags it, and flags a too-fast or unstamped submit', async () => {
    const token = await createLink();
    const bot = await submitForm(token, `nps=10&website=${encodeURIComponent('http://spam.example')}&renderedAt=${humanStamp()}`);
    expect(bot.statusCode).toBe(303);
    expect((await responseOf(await latestResponse())).flags).toEqual(['honeypot']);

    const fast = await submitForm(token, `nps=10&renderedAt=${t.clock.now().getTime() - 1000}`);
    expect(fast.statusCode).toBe(303);
    expect((await responseOf(await latestResponse())).flags).toEqual(['too_fast']);

    await submitForm(token, 'nps=10');
    expect((await responseOf(await latestResponse())).flags).toEqual(['too_fast']);
  });

  it('shows the page again with each problem beside its question and the answers kept (400)', async () => {
    const token = await createLink();
    const res = await submitForm(token, `csat=9&comment=${encodeURIComponent('<b>still here</b>')}&lang=en&renderedAt=${humanStamp()}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('id="nps-err"');
    expect(res.body).toContain('id="csat-err"');
    expect(res.body).toContain('&#60;b&#62;still here&#60;/b&#62;');
    expect(res.body).not.toContain('<b>still here</b>');
  });

  it('shows a friendly page to a second submit on a personal link, and to unknown and NUL-laden input', async () => {
    const served = await f.createServedCustomer();
    const token = await createLink({ customerId: served.customerId });
    expect((await submitForm(token, `nps=8&renderedAt=${humanStamp()}`)).statusCode).toBe(303);
    const again = await submitForm(token, `nps=8&renderedAt=${humanStamp()}`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('text/html');

    expect((await submitForm('B'.repeat(32), 'nps=1')).statusCode).toBe(404);
    const nul = await submitForm(await createLink(), `nps=5&comment=a%00b&reason=%00&renderedAt=${humanStamp()}`);
    expect(nul.statusCode).toBe(400);
    const huge = await submitForm(await createLink(), `nps=${'9'.repeat(400)}&renderedAt=${humanStamp()}`);
    expect(huge.statusCode).toBe(400);
  });
});
