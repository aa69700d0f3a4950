import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../platform/clock.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { markLinkUsed, resolveLink, scheduleSurveyJobs } from './index.ts';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
});
afterAll(() => t.close());

const post = (key: string, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: bearer(key), payload: payload as object });
const get = (key: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

async function createSurvey(status = 'active'): Promise<string> {
  const question = { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Likelihood to recommend' } };
  const res = await post(org.adminKey, '/api/v1/surveys', { name: '配送满意度', status, questions: [question] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function createUnit(parentId = org.rootUnitId): Promise<string> {
  return (await post(org.adminKey, '/api/v1/units', { name: '门店', parentId, kind: 'store' })).json().id;
}

const link = (surveyId: string, body: object, key = org.adminKey) => post(key, `/api/v1/surveys/${surveyId}/links`, body);

describe('links', () => {
  it('issues reusable anonymous links and one-time personal links with long random tokens', async () => {
    const surveyId = await createSurvey();
    const unitId = await createUnit();
    const anonymous = await link(surveyId, { unitId, touchpoint: '收银台', channel: 'web' });
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    expect(anonymous.json()).toMatchObject({ personal: false, expiresAt: null });
    const { token, url } = anonymous.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/); // 144 random bits
    expect(url).toBe(`http://localhost:80/s/${token}`);

    const expiresAt = new Date(t.clock.now().getTime() + 7 * DAY).toISOString();
    const personal = await link(surveyId, { customerId: randomUUID(), interactionId: randomUUID(), lang: 'en', expiresAt });
    expect(personal.json()).toMatchObject({ personal: true, expiresAt });
    expect(personal.json().token).not.toBe(token);

    const resolved = await resolveLink(t.ctx, personal.json().token);
    expect(resolved).toMatchObject({ orgId: org.orgId, surveyId, personal: true, lang: 'en', usedAt: null });
    expect(resolved!.expiresAt!.toISOString()).toBe(expiresAt);
    expect(await resolveLink(t.ctx, 'no-such-token-at-all-xx')).toBeNull();
  });

  it('uses LODESTAR_PUBLIC_URL for the address when set', async () => {
    const surveyId = await createSurvey();
    t.ctx.config.LODESTAR_PUBLIC_URL = 'https://xm.example.com/';
    try {
      const res = await link(surveyId, {});
      expect(res.json().url).toBe(`https://xm.example.com/s/${res.json().token}`);
    } finally {
      delete t.ctx.config.LODESTAR_PUBLIC_URL;
    }
  });

  it('answers a personal link once and an anonymous link many times', async () => {
    const surveyId = await createSurvey();
    const personal = (await resolveLink(t.ctx, (await link(surveyId, { employeeId: (await buildEmployeeWithKey(t.ctx, org)).employeeId })).json().token))!;
    const anonymous = (await resolveLink(t.ctx, (await link(surveyId, {})).json().token))!;
    const use = (linkId: string) => t.ctx.db.tenant(org.orgId, (tx) => markLinkUsed(tx, linkId, randomUUID(), t.clock.now()));
    expect(await use(personal.linkId)).toBe(true);
    expect(await use(personal.linkId)).toBe(false);
    expect(await use(anonymous.linkId)).toBe(true);
    expect(await use(anonymous.linkId)).toBe(true);
    expect((await resolveLink(t.ctx, personal.token))!.usedAt).not.toBeNull();
  });

  it('refuses unknown or foreign units and employees, past expiry dates and closed surveys', async () => {
    const surveyId = await createSurvey();
    const other = await buildOrg(t.ctx);
    expect((await link(surveyId, { unitId: randomUUID() })).statusCode).toBe(404);
    expect((await link(surveyId, { unitId: other.rootUnitId })).statusCode).toBe(404);
    expect((await link(surveyId, { employeeId: randomUUID() })).json().error.message).toBe('employee not found');
    expect((await link(randomUUID(), {})).statusCode).toBe(404);
    expect((await link(surveyId, { expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() })).statusCode).toBe(400);
    expect((await link(surveyId, { lang: 'fr' })).statusCode).toBe(400);
    const closed = await createSurvey('closed');
    const res = await link(closed, {});
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('survey_closed');
  });

  it('lets a manager link units and people in their subtree only, and no employee at all', async () => {
    const surveyId = await createSurvey();
    const east = await createUnit();
    const eastStore = await createUnit(east);
    const west = await createUnit();
    const manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: east });
    const westClerk = await buildEmployeeWithKey(t.ctx, org, { unitId: west });
    expect((await link(surveyId, { unitId: eastStore }, manager.key)).statusCode).toBe(201);
    expect((await link(surveyId, { unitId: west }, manager.key)).statusCode).toBe(404);
    expect((await link(surveyId, { employeeId: westClerk.employeeId }, manager.key)).statusCode).toBe(404);
    expect((await link(surveyId, {}, westClerk.key)).statusCode).toBe(403);
  });
});

describe('contact-fatigue rule', () => {
  it('refuses a second personal link for a customer within N days across surveys, then allows it', async () => {
    const [first, second] = [await createSurvey(), await createSurvey()];
    const customerId = randomUUID();
    const start = t.clock.now();
    expect((await link(first, { customerId })).statusCode).toBe(201);

    t.clock.advance(10 * DAY);
    const tired = await link(second, { customerId });
    expect(tired.statusCode).toBe(409);
    expect(tired.json().error).toMatchObject({ code: 'contact_fatigue', details: { lastSurveyedAt: start.toISOString(), contactFatigueDays: 30 } });
    expect((await link(second, { customerId: randomUUID() })).statusCode).toBe(201);
    expect((await link(second, { unitId: org.rootUnitId })).statusCode).toBe(201); // anonymous links are not counted

    t.clock.advance(21 * DAY);
    expect((await link(second, { customerId })).statusCode).toBe(201);
  });

  it('follows the organisation setting, and 0 turns it off', async () => {
    const surveyId = await createSurvey();
    const customerId = randomUUID();
    await t.app.inject({ method: 'PUT', url: '/api/v1/survey-settings', headers: bearer(org.adminKey), payload: { contactFatigueDays: 2 } });
    expect((await link(surveyId, { customerId })).statusCode).toBe(201);
    t.clock.advance(DAY);
    expect((await link(surveyId, { customerId })).statusCode).toBe(409);
    t.clock.advance(DAY + 1000);
    expect((await link(surveyId, { customerId })).statusCode).toBe(201);
    await t.app.inject({ method: 'PUT', url: '/api/v1/survey-settings', headers: bearer(org.adminKey), payload: { contactFatigueDays: 0 } });
    expect((await link(surveyId, { customerId })).statusCode).toBe(201);
    await t.app.inject({ method: 'PUT', url: '/api/v1/survey-settings', headers: bearer(org.adminKey), payload: { contactFatigueDays: 30 } });
  });
});

describe('QR codes', () => {
  it('serves an SVG and a PNG of one reusable anonymous link per unit and touchpoint', async () => {
    const surveyId = await createSurvey();
    const unitId = await createUnit();
    const svg = await get(org.adminKey, `/api/v1/surveys/${surveyId}/qr.svg?unitId=${unitId}&touchpoint=${encodeURIComponent('前台')}`);
    expect(svg.statusCode, svg.body).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 \d+ \d+"/);
    expect(svg.body).toMatch(/<path [^>]*d="M[^"]+"/);
    expect(svg.body.trimEnd().endsWith('</svg>')).toBe(true);

    const png = await get(org.adminKey, `/api/v1/surveys/${surveyId}/qr.png?unitId=${unitId}&touchpoint=${encodeURIComponent('前台')}&size=300`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect([...png.rawPayload.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.rawPayload.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.rawPayload.readUInt32BE(16)).toBe(300);

    const links = await t.ctx.db.tenant(org.orgId, (tx) =>
      tx.query<{ personal: boolean; channel: string; touchpoint: string }>(`SELECT personal, channel, touchpoint FROM survey_links WHERE survey_id = $1`, [surveyId]),
    );
    expect(links).toEqual([{ personal: false, channel: 'qr', touchpoint: '前台' }]);
    await get(org.adminKey, `/api/v1/surveys/${surveyId}/qr.svg?unitId=${unitId}&touchpoint=${encodeURIComponent('出口')}`);
    expect(await t.ctx.db.tenant(org.orgId, (tx) => tx.query(`SELECT 1 FROM survey_links WHERE survey_id = $1`, [surveyId]))).toHaveLength(2);
  });

  it('refuses bad sizes, unknown units and employees without the right to make links', async () => {
    const surveyId = await createSurvey();
    expect((await get(org.adminKey, `/api/v1/surveys/${surveyId}/qr.png?size=99999`)).statusCode).toBe(400);
    expect((await get(org.adminKey, `/api/v1/surveys/${surveyId}/qr.svg?unitId=${randomUUID()}`)).statusCode).toBe(404);
    const clerk = await buildEmployeeWithKey(t.ctx, org);
    expect((await get(clerk.key, `/api/v1/surveys/${surveyId}/qr.svg`)).statusCode).toBe(403);
  });
});

describe('reminders', () => {
  const messages = async (key = org.adminKey) => (await get(key, '/api/v1/messages?limit=500')).json().items as { linkId: string; lang: string; subject: string; body: string }[];
  const remindersFor = async (linkId: string) => (await messages()).filter((m) => m.linkId === linkId);

  it('reminds a non-completer 48 h after the link and again 48 h later, at most twice', async () => {
    await scheduleSurveyJobs(t.ctx);
    const surveyId = await createSurvey();
    const waiting = (await resolveLink(t.ctx, (await link(surveyId, { customerId: randomUUID(), lang: 'en', channel: 'email' })).json().token))!;
    const answered = (await resolveLink(t.ctx, (await link(surveyId, { customerId: randomUUID() })).json().token))!;
    const expiring = (await link(surveyId, { customerId: randomUUID(), expiresAt: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString() })).json();
    const expiringId = (await resolveLink(t.ctx, expiring.token))!.linkId;
    await t.ctx.db.tenant(org.orgId, (tx) => markLinkUsed(tx, answered.linkId, randomUUID(), t.clock.now()));

    const tick = async (ms: number) => {
      t.clock.advance(ms);
      await t.ctx.jobs.runDue();
    };
    await tick(47 * HOUR);
    expect(await remindersFor(waiting.linkId)).toHaveLength(0);
    await tick(2 * HOUR);
    const [first] = await remindersFor(waiting.linkId);
    expect(first).toMatchObject({ lang: 'en', channel: 'email', status: 'queued', customerId: waiting.customerId });
    expect(first!.subject).toContain('配送满意度');
    expect(first!.body).toContain(`/s/${waiting.token}`);
    await tick(HOUR);
    expect(await remindersFor(waiting.linkId)).toHaveLength(1);
    await tick(48 * HOUR);
    expect(await remindersFor(waiting.linkId)).toHaveLength(2);
    await tick(72 * HOUR);
    expect(await remindersFor(waiting.linkId)).toHaveLength(2);
    expect(await remindersFor(answered.linkId)).toHaveLength(0);
    expect(await remindersFor(expiringId)).toHaveLength(0);
  });

  it('writes Chinese reminders by default and shows the outbox to admins only', async () => {
    const surveyId = await createSurvey();
    const waiting = (await resolveLink(t.ctx, (await link(surveyId, { customerId: randomUUID() })).json().token))!;
    t.clock.advance(49 * HOUR);
    await t.ctx.jobs.runDue();
    const [reminder] = await remindersFor(waiting.linkId);
    expect(reminder).toMatchObject({ lang: 'zh-CN', channel: 'email' });
    expect(reminder!.subject).toBe('提醒：「配送满意度」期待您的反馈');
    const clerk = await buildEmployeeWithKey(t.ctx, org);
    expect((await get(clerk.key, '/api/v1/messages')).statusCode).toBe(403);
    const other = await buildOrg(t.ctx);
    expect((await get(other.adminKey, '/api/v1/messages')).json().items).toEqual([]);
  });
});
