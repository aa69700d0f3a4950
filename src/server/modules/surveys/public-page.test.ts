import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAnswers } from '../../../contracts/surveys.ts';
import { DAY } from '../../platform/clock.ts';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { getSurveyVersion, markLinkUsed, readSurveyForm, renderLinkProblemPage, renderSurveyPage, renderThankYouPage, resolveLink } from './index.ts';
import { CSS } from './public-page.text.ts';

let t: TestApp;
let org: TestOrg;
let surveyId: string;

const title = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const option = (value: string, zh: string, en: string) => ({ value, label: title(zh, en) });
/** A realistic post-visit survey with every question type. */
const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: title('您有多大可能向朋友或同事推荐我们？', 'How likely are you to recommend us to a friend or colleague?') },
  { key: 'csat', type: 'csat', title: title('您对本次服务的总体满意度如何？', 'How satisfied are you with the service today?') },
  { key: 'ces', type: 'ces', title: title('办理这件事对您来说有多容易？', 'How easy was it to get your issue handled?') },
  { key: 'speed', type: 'rating', scale: { min: 1, max: 5 }, title: title('请为服务速度打分', 'Rate the speed of service') },
  { key: 'visit', type: 'single', title: title('您是通过什么方式联系我们的？', 'How did you contact us?'), options: [option('store', '门店', 'In store'), option('phone', '电话', 'Phone'), option('app', '手机 App', 'Mobile app')] },
  { key: 'liked', type: 'multi', title: title('哪些方面让您满意？（可多选）', 'What did you like? (choose any)'), options: [option('staff', '员工态度', 'Friendly staff'), option('speed', '速度', 'Speed'), option('price', '价格', 'Price'), option('clean', '环境整洁', 'Cleanliness')] },
  { key: 'comment', type: 'text', title: title('还有什么想告诉我们的吗？', 'Anything else you would like to tell us?') },
  { key: 'order', type: 'hidden', title: title('订单号', 'Order number') },
];

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/surveys', headers: bearer(org.adminKey), payload: { name: '门店服务体验 · Store visit', questions: QUESTIONS } });
  surveyId = res.json().id;
});
afterAll(() => t.close());

async function newLink(body: object = {}): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/surveys/${surveyId}/links`, headers: bearer(org.adminKey), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token;
}
const open = (token: string, headers: Record<string, string> = {}, query = '') =>
  t.app.inject({ method: 'GET', url: `/s/${token}${query}`, headers, remoteAddress: `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` });
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('the public response page', () => {
  it('is one small HTML page with no script, in the link language, every control labelled', async () => {
    const res = await open(await newLink({ lang: 'zh-CN' }), {}, '?order=A-1001');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const bytes = Buffer.byteLength(res.body);
    console.log(`public page (8 questions, zh-CN): ${bytes} bytes, CSS ${Buffer.byteLength(CSS)} bytes`);
    expect(bytes).toBeLessThan(15 * 1024);
    expect(res.body).not.toMatch(/<script/i);
    expect(res.body).not.toMatch(/ on[a-z]+=/i);
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('不太可能');
    expect(res.body).toContain('非常可能');

    const nps = res.body.match(/<label><input type="radio" name="nps" value="(\d+)" required><span>\1<\/span><\/label>/g) ?? [];
    expect(nps).toHaveLength(11);
    expect(count(res.body, /name="csat"/g)).toBe(5);
    expect(count(res.body, /name="ces"/g)).toBe(7);
    expect(count(res.body, /name="speed"/g)).toBe(5);
    expect(count(res.body, /<input type="checkbox" name="liked"/g)).toBe(4);
    expect(count(res.body, /<fieldset/g)).toBe(6);
    expect(count(res.body, /<legend/g)).toBe(6);
    // Every visible control sits inside its label (or is named by one, for the textarea).
    const visibleControls = count(res.body, /<input (?!type="hidden")/g) + count(res.body, /<textarea/g);
    expect(count(res.body, /<label/g)).toBe(visibleControls);
    expect(res.body).toMatch(/<label class="t" for="q-comment">[^<]+<\/label><textarea id="q-comment" name="comment"/);

    expect(res.body).toMatch(/<form method="post" action="\/s\/[A-Za-z0-9_-]{24}"/);
    expect(res.body).toContain('<input type="hidden" name="order" value="A-1001">');
    expect(res.body).toContain(`<input type="hidden" name="renderedAt" value="${t.clock.now().getTime()}">`);
    expect(res.body).toMatch(/<input id="website" name="website" tabindex="-1" autocomplete="off">/);
    expect(res.body).toContain('<a href="?lang=en&#38;order=A-1001" lang="en" hreflang="en">English</a>');
  });

  it('sends a CSP that allows no script and only its own stylesheet', async () => {
    const res = await open(await newLink());
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'`);
    expect(csp).not.toContain('script-src');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('speaks the link language, else the browser’s, and switches with ?lang=', async () => {
    const anonymous = await newLink();
    expect((await open(anonymous, { 'accept-language': 'zh-TW,zh;q=0.9,en;q=0.8' })).body).toContain('<html lang="zh-CN">');
    expect((await open(anonymous, { 'accept-language': 'fr-FR, en;q=0.5' })).body).toContain('<html lang="en">');
    expect((await open(anonymous, { 'accept-language': 'de, zh-CN;q=0.3' })).body).toContain('<html lang="zh-CN">');
    expect((await open(anonymous, {})).body).toContain('<html lang="en">');
    const english = (await open(await newLink({ lang: 'en' }), { 'accept-language': 'zh-CN' })).body;
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('Not likely');
    expect(english).toContain('How likely are you to recommend us');
    expect(english).toContain('>中文</a>');
    const switched = (await open(await newLink({ lang: 'zh-CN' }), {}, '?lang=en')).body;
    expect(switched).toContain('<html lang="en">');
    console.log(`public page (8 questions, en): ${Buffer.byteLength(english)} bytes`);
  });

  it('answers unknown, expired, answered and closed links with friendly bilingual pages', async () => {
    const unknown = await open('this-token-does-not-exist', { 'accept-language': 'zh-CN' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(unknown.body).toContain('找不到这份问卷');
    expect(unknown.body).toContain('We cannot find this survey');
    expect(unknown.body).not.toMatch(/stack|error|at .*\.ts/i);
    expect((await open('%3Cscript%3E')).statusCode).toBe(404);

    const expiring = await newLink({ customerId: randomUUID(), expiresAt: new Date(t.clock.now().getTime() + DAY).toISOString() });
    t.clock.advance(DAY + 1);
    const expired = await open(expiring, { 'accept-language': 'en' });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');

    const personal = await newLink({ customerId: randomUUID() });
    const link = (await resolveLink(t.ctx, personal))!;
    await t.ctx.db.tenant(org.orgId, (tx) => markLinkUsed(tx, link.linkId, randomUUID(), t.clock.now()));
    const answered = await open(personal);
    expect(answered.statusCode).toBe(409);
    expect(answered.body).toContain('already answered');

    const anonymous = await newLink();
    await t.app.inject({ method: 'PATCH', url: `/api/v1/surveys/${surveyId}`, headers: bearer(org.adminKey), payload: { status: 'closed' } });
    const closed = await open(anonymous);
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('问卷已结束');
    await t.app.inject({ method: 'PATCH', url: `/api/v1/surveys/${surveyId}`, headers: bearer(org.adminKey), payload: { status: 'active' } });
    console.log(`problem page: ${Buffer.byteLength(closed.body)} bytes`);
  });

  it('limits page views per address', async () => {
    const token = await newLink();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await t.app.inject({ method: 'GET', url: `/s/${token}`, remoteAddress: '10.9.9.9' })).statusCode);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('the form round trip', () => {
  it('reads a posted form back into answers that validate against the questions', async () => {
    const survey = (await t.ctx.db.tenant(org.orgId, (tx) => getSurveyVersion(tx, org.orgId, surveyId)))!;
    const form = { nps: '9', csat: '4', ces: '6', speed: '5', visit: 'store', liked: ['staff', 'clean'], comment: '  店员很耐心 ', order: 'A-1', lang: 'en', renderedAt: '1767603600000', website: '' };
    const read = readSurveyForm(survey.questions, form);
    expect(read.answers).toEqual({ nps: 9, csat: 4, ces: 6, speed: 5, visit: 'store', liked: ['staff', 'clean'], comment: '店员很耐心', order: 'A-1' });
    expect(validateAnswers(survey.questions, read.answers)).toEqual({});
    expect(read).toMatchObject({ honeypot: '', lang: 'en', renderedAt: new Date(1767603600000) });
    expect(readSurveyForm(survey.questions, { liked: 'speed', nps: '', website: 'http://spam' })).toMatchObject({ answers: { liked: ['speed'] }, honeypot: 'http://spam' });
    expect(validateAnswers(survey.questions, readSurveyForm(survey.questions, { nps: ['1', '2'], csat: '9' }).answers)).toMatchObject({ nps: expect.any(String), csat: expect.any(String) });
  });

  it('shows errors next to their questions, keeps the answers given, and thanks in the chosen language', async () => {
    const survey = (await t.ctx.db.tenant(org.orgId, (tx) => getSurveyVersion(tx, org.orgId, surveyId)))!;
    const link = (await resolveLink(t.ctx, await newLink()))!;
    const values = { csat: 4, liked: ['speed'], comment: '<b>慢</b>' };
    const html = renderSurveyPage({ survey, link, lang: 'zh-CN', errors: validateAnswers(survey.questions, values), values, now: t.clock.now() });
    expect(html).toContain('<div class="sum" role="alert">');
    expect(html).toContain('<a href="#q-nps">');
    expect(html).toMatch(/<fieldset class="q bad" id="q-nps" aria-describedby="nps-ends nps-err">/);
    expect(html).toContain('<p class="err" id="nps-err">请回答此题</p>');
    expect(html).toContain('name="csat" value="4" checked');
    expect(html).toContain('name="liked" value="speed" checked');
    expect(html).toContain('&#60;b&#62;慢&#60;/b&#62;</textarea>');
    const thanks = renderThankYouPage('en', { surveyName: 'Store <visit>' });
    expect(thanks).toContain('Thank you for your feedback!');
    expect(thanks).toContain('Store &#60;visit&#62;');
    expect(renderLinkProblemPage('answered', 'zh-CN')).toContain('<html lang="zh-CN">');
    console.log(`thank-you page: ${Buffer.byteLength(thanks)} bytes`);
  });
});
