import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PATCH' | 'PUT', key: string, url: string, payload: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as object });
const get = (key: string, url: string) => t.app.inject({ method: 'GET', url, headers: bearer(key) });

const nps = { key: 'nps', type: 'nps', title: { 'zh-CN': '您有多大可能向朋友推荐我们？', en: 'How likely are you to recommend us to a friend?' }, required: true };
const comment = { key: 'comment', type: 'text', title: { 'zh-CN': '还有什么想告诉我们的？', en: 'Anything else you would like to tell us?' } };
const channel = {
  key: 'channel',
  type: 'single',
  title: { 'zh-CN': '您通过什么方式联系我们？', en: 'How did you contact us?' },
  options: [
    { value: 'store', label: { 'zh-CN': '门店', en: 'Store' } },
    { value: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
  ],
};

async function createSurvey(key = org.adminKey, questions: unknown[] = [nps, comment]) {
  const res = await send('POST', key, '/api/v1/surveys', { name: '门店体验调查', questions });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; questions: { key: string }[] };
}

describe('survey definitions', () => {
  it('creates version 1 and lists it, filtered by status', async () => {
    const survey = await createSurvey();
    expect(survey).toMatchObject({ name: '门店体验调查', status: 'active', version: 1 });
    expect(survey.questions[0]).toMatchObject({ key: 'nps', required: true });
    const active = (await get(org.adminKey, '/api/v1/surveys?status=active&limit=500')).json().items.map((s: { id: string }) => s.id);
    expect(active).toContain(survey.id);
    const drafts = (await get(org.adminKey, '/api/v1/surveys?status=draft&limit=500')).json().items.map((s: { id: string }) => s.id);
    expect(drafts).not.toContain(survey.id);
  });

  it('writes a new version when the questions change and keeps the old one readable', async () => {
    const survey = await createSurvey();
    const renamed = await send('PATCH', org.adminKey, `/api/v1/surveys/${survey.id}`, { name: 'Store survey', status: 'draft' });
    expect(renamed.json()).toMatchObject({ name: 'Store survey', status: 'draft', version: 1 });

    const same = await send('PATCH', org.adminKey, `/api/v1/surveys/${survey.id}`, { questions: [nps, comment] });
    expect(same.json().version).toBe(1);

    const changed = await send('PATCH', org.adminKey, `/api/v1/surveys/${survey.id}`, { questions: [nps, channel, comment] });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ version: 2, name: 'Store survey' });
    expect(changed.json().questions.map((q: { key: string }) => q.key)).toEqual(['nps', 'channel', 'comment']);

    const v1 = await get(org.adminKey, `/api/v1/surveys/${survey.id}/versions/1`);
    expect(v1.statusCode).toBe(200);
    expect(v1.json()).toMatchObject({ surveyId: survey.id, version: 1 });
    expect(v1.json().questions.map((q: { key: string }) => q.key)).toEqual(['nps', 'comment']);
    expect((await get(org.adminKey, `/api/v1/surveys/${survey.id}/versions/2`)).json().questions).toHaveLength(3);
    for (const missing of ['3', '0', 'x', '1.5', '00000000-0000-4000-8000-000000000000']) {
      expect((await get(org.adminKey, `/api/v1/surveys/${survey.id}/versions/${missing}`)).statusCode, missing).toBe(404);
    }
    expect((await get(org.adminKey, `/api/v1/surveys/${survey.id}`)).json().version).toBe(2);
  });

  it('audits creation and every change with before and after', async () => {
    const survey = await createSurvey();
    await send('PATCH', org.adminKey, `/api/v1/surveys/${survey.id}`, { questions: [nps] });
    const audit = (await get(org.adminKey, `/api/v1/audit-log?entityType=survey&entityId=${survey.id}`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['survey.updated', 'survey.created']);
    expect(audit[0].before.version).toBe(1);
    expect(audit[0].after.version).toBe(2);
  });
});

describe('validation', () => {
  const create = (questions: unknown[]) => send('POST', org.adminKey, '/api/v1/surveys', { name: 'x', questions });
  const issueFields = (res: { json(): { error: { details: { issues: { field: string }[] } } } }) =>
    res.json().error.details.issues.map((i) => i.field);

  it('refuses duplicate question keys', async () => {
    const res = await create([nps, { ...comment, key: 'nps' }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(issueFields(res)).toContain('body.questions');
  });

  it('refuses a single-choice question without options', async () => {
    const res = await create([{ ...channel, options: undefined }]);
    expect(res.statusCode).toBe(400);
    expect(issueFields(res)).toContain('body.questions.0.options');
  });

  it('refuses a question without its zh-CN title', async () => {
    const res = await create([{ ...nps, title: { en: 'How likely…' } }]);
    expect(res.statusCode).toBe(400);
    expect(issueFields(res).some((f: string) => f.startsWith('body.questions.0.title'))).toBe(true);
  });

  it('refuses keys the public form uses for itself', async () => {
    const res = await create([{ ...comment, key: 'website' }]);
    expect(res.statusCode).toBe(400);
    expect(issueFields(res)).toEqual(['body.questions.0.key']);
  });
});

describe('who may do what', () => {
  it('lets every staff role read and only admins write', async () => {
    const survey = await createSurvey();
    const clerk = await buildEmployeeWithKey(t.ctx, org);
    expect((await get(clerk.key, `/api/v1/surveys/${survey.id}`)).statusCode).toBe(200);
    expect((await send('POST', clerk.key, '/api/v1/surveys', { name: 'mine', questions: [nps] })).statusCode).toBe(403);
    expect((await send('PATCH', clerk.key, `/api/v1/surveys/${survey.id}`, { name: 'mine' })).statusCode).toBe(403);
    const partner = await buildEmployeeWithKey(t.ctx, org, { role: 'partner' });
    expect((await get(partner.key, '/api/v1/surveys')).statusCode).toBe(403);
  });

  it('keeps organisations apart: another org’s key gets 404 for every survey route', async () => {
    const survey = await createSurvey();
    const other = await buildOrg(t.ctx);
    const base = `/api/v1/surveys/${survey.id}`;
    expect((await get(other.adminKey, base)).statusCode).toBe(404);
    expect((await get(other.adminKey, `${base}/versions/1`)).statusCode).toBe(404);
    expect((await send('PATCH', other.adminKey, base, { name: 'stolen' })).statusCode).toBe(404);
    expect((await send('POST', other.adminKey, `${base}/links`, {})).statusCode).toBe(404);
    expect((await get(other.adminKey, `${base}/qr.svg`)).statusCode).toBe(404);
    expect((await get(other.adminKey, '/api/v1/surveys?limit=500')).json().items).toEqual([]);
    expect((await get(org.adminKey, base)).json().name).toBe('门店体验调查');
  });
});

describe('distribution settings', () => {
  it('defaults the contact-fatigue window to 30 days and lets an admin change it', async () => {
    expect((await get(org.adminKey, '/api/v1/survey-settings')).json()).toEqual({ contactFatigueDays: 30 });
    expect((await send('PUT', org.adminKey, '/api/v1/survey-settings', { contactFatigueDays: 7 })).json()).toEqual({ contactFatigueDays: 7 });
    expect((await get(org.adminKey, '/api/v1/survey-settings')).json()).toEqual({ contactFatigueDays: 7 });
    expect((await send('PUT', org.adminKey, '/api/v1/survey-settings', { contactFatigueDays: -1 })).statusCode).toBe(400);
    const clerk = await buildEmployeeWithKey(t.ctx, org);
    expect((await send('PUT', clerk.key, '/api/v1/survey-settings', { contactFatigueDays: 0 })).statusCode).toBe(403);
  });
});
