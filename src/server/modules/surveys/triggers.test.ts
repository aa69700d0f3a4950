import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { resolveLink } from './index.ts';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, key = org.adminKey) =>
  t.app.inject({ method, url, headers: bearer(key), payload });
const get = (url: string, key = org.adminKey) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

interface Message {
  kind: string;
  channel: string;
  linkId: string;
  customerId: string;
  interactionId: string;
  lang: string;
  recipient: string;
  subject: string;
  body: string;
}
const invitations = async (): Promise<Message[]> =>
  ((await get('/api/v1/messages?limit=500')).json().items as Message[]).filter((m) => m.kind === 'invitation');

let customerSeq = 0;
async function customer(extra: object = {}): Promise<string> {
  const res = await send('POST', '/api/v1/customers', { externalId: `T-${++customerSeq}`, name: '李女士', email: `c${customerSeq}@example.com`, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function interaction(customerId: string, extra: object = {}): Promise<string> {
  const body = { customerId, type: 'delivery', channel: 'app', touchpoint: '送货上门', occurredAt: t.clock.now().toISOString(), ...extra };
  const res = await send('POST', '/api/v1/interactions', body);
  expect(res.statusCode, res.body).toBe(201);
  await t.ctx.events.drain();
  return res.json().id;
}

async function trigger(body: object): Promise<{ id: string; surveyId: string }> {
  const survey = await send('POST', '/api/v1/surveys', {
    name: '配送回访',
    questions: [{ key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Likelihood to recommend' } }],
  });
  const res = await send('POST', '/api/v1/survey-triggers', { surveyId: survey.json().id, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('transactional survey triggers', () => {
  it('turns a recorded interaction into a personal link bound to it and a queued invitation in the customer’s language', async () => {
    const { id, surveyId } = await trigger({ interactionType: 'delivery', channel: 'email', lang: 'zh-CN' });
    const employee = await buildEmployeeWithKey(t.ctx, org);
    const customerId = await customer({ attributes: { lang: 'en' } });
    const interactionId = await interaction(customerId, { employeeId: employee.employeeId });

    const [invite] = (await invitations()).filter((m) => m.interactionId === interactionId);
    expect(invite).toMatchObject({ channel: 'email', customerId, lang: 'en', recipient: `c${customerSeq}@example.com` });
    expect(invite!.subject).toContain('配送回访');
    const token = /\/s\/([A-Za-z0-9_-]+)/.exec(invite!.body)![1]!;
    const link = await resolveLink(t.ctx, token);
    expect(link).toMatchObject({ surveyId, personal: true, customerId, interactionId, employeeId: employee.employeeId, touchpoint: '送货上门', channel: 'email', lang: 'en' });

    const listed = (await get('/api/v1/survey-triggers')).json().items.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ invited: 1, skippedFatigue: 0, skippedNoContact: 0 });
    // Redelivering the event (a retry after a crash) must not invite twice: the outbox marks the handler done.
    await t.ctx.events.drain();
    expect((await invitations()).filter((m) => m.interactionId === interactionId)).toHaveLength(1);
    await send('DELETE', `/api/v1/survey-triggers/${id}`);
  });

  it('respects the contact-fatigue rule and skips customers with no address for the channel, counting both', async () => {
    const { id } = await trigger({ touchpoint: '门店收银', channel: 'sms' });
    const withPhone = await customer({ phone: '13800138000' });
    const first = await interaction(withPhone, { touchpoint: '门店收银' });
    const second = await interaction(withPhone, { touchpoint: '门店收银' }); // same customer, same day: fatigue
    const noPhone = await interaction(await customer(), { touchpoint: '门店收银' });
    const other = await interaction(withPhone, { touchpoint: '电话客服' }); // touchpoint does not match

    const mine = (await invitations()).filter((m) => [first, second, noPhone, other].includes(m.interactionId));
    expect(mine.map((m) => [m.interactionId, m.recipient, m.lang])).toEqual([[first, '13800138000', 'zh-CN']]);
    const listed = (await get('/api/v1/survey-triggers')).json().items.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ invited: 1, skippedFatigue: 1, skippedNoContact: 1 });

    t.clock.advance(31 * DAY); // past the default 30-day window the customer may be asked again
    const later = await interaction(withPhone, { touchpoint: '门店收银' });
    expect((await invitations()).some((m) => m.interactionId === later)).toBe(true);
    await send('DELETE', `/api/v1/survey-triggers/${id}`);
  });

  it('invites for CSV-imported interactions too, and stops when the trigger is switched off', async () => {
    const { id } = await trigger({ interactionType: 'install' });
    const a = await customer({ externalId: 'IMP-A' });
    const b = await customer({ externalId: 'IMP-B' });
    const at = t.clock.now().toISOString();
    const csv = `customerExternalId,type,channel,touchpoint,occurredAt\nIMP-A,install,onsite,上门安装,${at}\nIMP-B,install,onsite,上门安装,${at}\n`;
    const imported = await t.app.inject({ method: 'POST', url: '/api/v1/imports/interactions', headers: { ...bearer(org.adminKey), 'content-type': 'text/csv' }, payload: csv });
    expect(imported.json()).toMatchObject({ imported: 2, errors: [] });
    await t.ctx.events.drain();
    const invited = (await invitations()).filter((m) => m.customerId === a || m.customerId === b);
    expect(invited).toHaveLength(2);

    expect((await send('PATCH', `/api/v1/survey-triggers/${id}`, { enabled: false })).json().enabled).toBe(false);
    await interaction(await customer(), { type: 'install' });
    const listed = (await get('/api/v1/survey-triggers')).json().items.find((x: { id: string }) => x.id === id);
    expect(listed.invited).toBe(2);
  });

  it('leaves alone interactions recorded before the trigger existed and history older than a week', async () => {
    const early = await customer({ externalId: 'EARLY' });
    // Recorded but not yet dispatched when the trigger is made: it belongs to the time before.
    const body = { customerId: early, type: 'repair', channel: 'phone', touchpoint: '电话客服', occurredAt: t.clock.now().toISOString() };
    const before = (await send('POST', '/api/v1/interactions', body)).json().id;
    t.clock.advance(1000);
    const { id } = await trigger({ interactionType: 'repair' });
    await t.ctx.events.drain();
    const old = await interaction(await customer(), { type: 'repair', occurredAt: new Date(t.clock.now().getTime() - 8 * DAY).toISOString() });
    const fresh = await interaction(await customer(), { type: 'repair', occurredAt: new Date(t.clock.now().getTime() - 6 * DAY).toISOString() });
    const invited = (await invitations()).map((m) => m.interactionId);
    expect([before, old, fresh].filter((x) => invited.includes(x))).toEqual([fresh]);
    await send('DELETE', `/api/v1/survey-triggers/${id}`);
  });

  it('is for admins only and refuses bad input with clear errors', async () => {
    const manager = await buildEmployeeWithKey(t.ctx, org, { role: 'manager' });
    expect((await get('/api/v1/survey-triggers', manager.key)).statusCode).toBe(403);
    const bad = await send('POST', '/api/v1/survey-triggers', { surveyId: 'nope', channel: 'pigeon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_request');
    const missing = await send('POST', '/api/v1/survey-triggers', { surveyId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    const other = await buildOrg(t.ctx);
    const { id } = await trigger({});
    expect((await send('PATCH', `/api/v1/survey-triggers/${id}`, { enabled: false }, other.adminKey)).statusCode).toBe(404);
    expect((await get('/api/v1/survey-triggers', other.adminKey)).json().items).toEqual([]);
  });
});
