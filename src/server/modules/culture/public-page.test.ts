import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildCultureOrg, completeAnswers, linkFor, openAssessment, send, templateSections, type CultureOrg } from './culture.fixtures.ts';

let t: TestApp;
let c: CultureOrg;
let assessmentId: string;

beforeAll(async () => {
  t = await createTestApp();
  c = await buildCultureOrg(t);
  assessmentId = (await openAssessment(t, c, { name: '2026 文化评估', minGroupSize: 6, minCommentGroupSize: 12 })).id;
});
afterAll(() => t.close());

const page = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const post = (token: string, fields: Record<string, string | string[]>) =>
  t.app.inject({
    method: 'POST',
    url: `/a/${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString(),
  });
/** The hidden fields and checked radios a page would post back. */
const formState = (html: string) => {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = m[2]!.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
  for (const m of html.matchAll(/<input type="radio" name="([^"]+)" value="([^"]+)"(?: required)? checked>/g)) fields[m[1]!] = m[2]!;
  return fields;
};

// The walk's answers: every scored item is required, so each page's items are answered before moving on.
const SECTIONS = templateSections('vision-culture');
const WALK = completeAnswers(SECTIONS, { vision_state: 'core_dna', ideal_cx_in_vision: 5, vision_team: 4, guidance_manager: 3, empathy_1: 4 });
/** The scored items of page n (1-based) as the form posts them. */
const pageFields = (n: number) => Object.fromEntries(SECTIONS[n - 1]!.items.filter((i) => i.key in WALK).map((i) => [i.key, String(WALK[i.key])]));

function expectSafePage(res: { headers: Record<string, unknown>; body: string }) {
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('script-src');
  expect(csp).toContain("form-action 'self'");
  expect(res.body).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  expect(res.body).toContain('name="viewport" content="width=device-width,initial-scale=1"');
}

describe('the answer page /a/:token', () => {
  it('opens with the anonymity explanation and the fixed thresholds, in both languages, without any script', async () => {
    const token = await linkFor(t, c, assessmentId, c.regionStaff[2]!);
    const en = await page(`/a/${token}?lang=en`);
    expect(en.statusCode).toBe(200);
    expectSafePage(en);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('How your anonymity is protected');
    expect(en.body).toMatch(/<b>6<\/b>minimum group size for results/);
    expect(en.body).toMatch(/<b>12<\/b>minimum group size for comments/);
    expect(en.body).toContain('Store');
    expect(en.body).toContain('Front line and non-managers');
    expect(en.body).toContain(`href="/a/${token}?lang=en&amp;page=1"`);

    const zh = await page(`/a/${token}`, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' });
    expectSafePage(zh);
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('我们如何保护您的匿名性');
    expect(zh.body).toMatch(/<b>6<\/b>人及以上的群体才显示结果/);
    expect(zh.body).toMatch(/<b>12<\/b>人及以上的群体才显示留言/);
    expect((await page(`/a/${token}?lang=zh-CN`, { 'accept-language': 'en' })).body).toContain('<html lang="zh-CN">');
    expect((await page(`/a/${token}?lang=en`, { 'accept-language': 'zh-CN' })).body).toContain('<html lang="en">');
  });

  it('walks the sections with the answers carried in the form, goes back and switches language without losing them, and submits once', async () => {
    const token = await linkFor(t, c, assessmentId, c.regionStaff[1]!);
    const first = await page(`/a/${token}?lang=en&page=1`);
    expectSafePage(first);
    expect(first.body).toContain(`<form method="post" action="/a/${token}"`);
    expect(first.body).toContain('Section 1 of 7');
    expect(first.body).toContain('name="vision_state" value="core_dna"');

    // A required item left blank on the current page: 400, the same page again, the item named, the rest kept.
    const missing = await post(token, { lang: 'en', page: '1', nav: 'next', vision_state: 'core_dna', ideal_cx_in_vision: '5', vision_team: '' });
    expect(missing.statusCode).toBe(400);
    expectSafePage(missing);
    expect(missing.body).toContain('Section 1 of 7');
    expect(missing.body).toContain('href="#i-vision_team"');
    expect(formState(missing.body)).toMatchObject({ vision_state: 'core_dna', ideal_cx_in_vision: '5', page: '1' });
    expect(formState(missing.body)).not.toHaveProperty('vision_team');

    const second = await post(token, { lang: 'en', page: '1', nav: 'next', ...pageFields(1) });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.body).toContain('Section 2 of 7');
    expect(formState(second.body)).toMatchObject({ vision_state: 'core_dna', ideal_cx_in_vision: '5', vision_team: '4', page: '2' });

    // Back does not check the page it leaves: a partly answered section is carried as it is.
    const back = await post(token, { ...formState(second.body), guidance_manager: '3', nav: 'back' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.body).toContain('Section 1 of 7');
    expect(formState(back.body)).toMatchObject({ vision_state: 'core_dna', ideal_cx_in_vision: '5', guidance_manager: '3' });

    const zh = await post(token, { ...formState(back.body), lang: 'zh-CN', nav: 'lang' });
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain('第 1 部分，共 7 部分');
    expect(formState(zh.body)).toMatchObject({ vision_state: 'core_dna', guidance_manager: '3', lang: 'zh-CN' });

    // On through sections 2–5 in Chinese, answering each page; the earlier answers ride along.
    let at = zh;
    for (let n = 1; n <= 5; n++) {
      at = await post(token, { ...formState(at.body), ...pageFields(n), nav: 'next' });
      expect(at.statusCode, at.body).toBe(200);
      expect(at.body).toContain(`第 ${n + 1} 部分，共 7 部分`);
    }
    expect(formState(at.body)).toMatchObject({ vision_state: 'core_dna', ideal_cx_in_vision: '5', guidance_manager: '3', strategy_it: '3', eco_mna: '3', page: '6' });

    const invalid = await post(token, { ...formState(at.body), ...pageFields(6), empathy_1: '9', nav: 'next' });
    expect(invalid.statusCode).toBe(400);
    expectSafePage(invalid);
    expect(invalid.body).toContain('请检查以下问题');
    expect(invalid.body).toContain('href="#i-empathy_1"');
    expect(invalid.body).toContain('第 6 部分，共 7 部分');

    const seventh = await post(token, { ...formState(at.body), ...pageFields(6), nav: 'next' });
    expect(seventh.statusCode, seventh.body).toBe(200);
    expect(seventh.body).toContain('第 7 部分，共 7 部分');
    const last = await post(token, { ...formState(seventh.body), nav: 'submit', comment: '  多给一线一些授权  ' });
    expect(last.statusCode, last.body).toBe(303);
    expect(last.headers.location).toBe(`/a/${token}/thanks?lang=zh-CN`);
    const thanks = await page(String(last.headers.location));
    expect(thanks.statusCode).toBe(200);
    expectSafePage(thanks);
    expect(thanks.body).toContain('感谢您的参与');
    expect((await page(`/a/${token}/thanks?lang=en`)).body).toContain('Thank you for taking part');

    const stored = await t.ctx.db.tenant(c.org.orgId, (tx) =>
      tx.query<{ answers: Record<string, unknown>; level: string }>(`SELECT answers, level FROM assessment_answers WHERE org_id = $1 AND assessment_id = $2`, [c.org.orgId, assessmentId]),
    );
    expect(stored).toEqual([{ answers: WALK, level: 'manager' }]);
    const columns = await t.ctx.db.tenant(c.org.orgId, (tx) => tx.query<Record<string, unknown>>(`SELECT * FROM assessment_answers WHERE org_id = $1 AND assessment_id = $2`, [c.org.orgId, assessmentId]));
    expect(Object.keys(columns[0]!).sort()).toEqual(['answers', 'assessment_id', 'id', 'level', 'org_id', 'tenure_band', 'unit_id']);
    const comments = await t.ctx.db.tenant(c.org.orgId, (tx) => tx.query<{ text: string }>(`SELECT text FROM assessment_comments WHERE org_id = $1 AND assessment_id = $2`, [c.org.orgId, assessmentId]));
    expect(comments).toEqual([{ text: '多给一线一些授权' }]);

    const again = await post(token, { ...formState(seventh.body), nav: 'submit', empathy_1: '2' });
    expect(again.statusCode).toBe(409);
    expectSafePage(again);
    expect(again.body).toContain('您已经提交过了');
    const reopened = await page(`/a/${token}?lang=en`);
    expect([reopened.statusCode, reopened.body.includes('You have already answered')]).toEqual([409, true]);
  });

  it('refuses an empty submit and a repeated field on the page, and answers unknown and closed links with friendly pages', async () => {
    const token = await linkFor(t, c, assessmentId, c.regionStaff[0]!);
    const empty = await post(token, { lang: 'en', page: '7', nav: 'submit' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Section 1 of 7');
    const doubled = await post(token, { lang: 'en', page: '1', nav: 'next', ideal_cx_in_vision: ['4', '5'] });
    expect(doubled.statusCode).toBe(400);
    expect((await post(token, { lang: 'en', page: '7', nav: 'submit', comment: 'a\u0000b' })).statusCode).toBe(400);
    const hostile = await post(token, { ['__proto__']: 'x', 'constructor[prototype]': 'y', lang: 'en', page: '99', nav: 'next', '<b>': '"><i>', ...pageFields(1) });
    expect([hostile.statusCode, hostile.body.includes('Section 2 of 7'), hostile.body.includes('<i>')]).toEqual([200, true, false]);

    const unknown = await page(`/a/${'x'.repeat(32)}?lang=en`);
    expect(unknown.statusCode).toBe(404);
    expectSafePage(unknown);
    expect(unknown.body).toContain('We cannot find this assessment');
    expect(unknown.body).toContain('找不到这份调查');

    const other = await linkFor(t, c, assessmentId, c.regionStaff[3]!);
    await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${assessmentId}/close`);
    const closed = await page(`/a/${other}?lang=en`);
    expect(closed.statusCode).toBe(410);
    expect(closed.body).toContain('This assessment has closed');
    expect((await post(other, { lang: 'en', page: '7', nav: 'submit', empathy_1: '3' })).statusCode).toBe(410);
  });
});
