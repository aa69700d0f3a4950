import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { buildUser } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildRecognitionFixture, PRAISE_COMMENT, type RecognitionFixture } from './recognition.fixtures.ts';
import type { Actor } from '../../platform/actor.ts';
import { createIdea } from './ideas.service.ts';

let t: TestApp;
let f: RecognitionFixture;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildRecognitionFixture(t);
});
afterAll(() => t.close());

const newIdea = async (key: string, body: Record<string, unknown> = {}) => {
  const res = await f.send(key, 'POST', '/api/v1/ideas', { title: '雨天给外卖加防水袋', body: '顾客多次反映雨天餐品被淋湿', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; votes: number; authorKind: string };
};
/** A partner as the partners module files its ideas (a partner key bound to a partner, or an unlocked share link). */
const partnerActor = (): Actor => ({ orgId: f.org.orgId, kind: 'share_link', id: crypto.randomUUID(), role: 'partner', employeeId: null, partnerId: null });
const setStatus = (id: string, status: string, key = f.people.storeManager.key, extra: object = {}) =>
  f.send(key, 'POST', `/api/v1/ideas/${id}/status`, { status, ...extra });

describe('idea board', () => {
  it('takes ideas from employees; partners file theirs through their partner report and never see the board', async () => {
    const responseId = await f.respond({ nps: 3, comment: '下雨天外卖全湿了' });
    const linked = await newIdea(f.people.courier.key, { responseId });
    expect(linked).toMatchObject({ status: 'open', authorKind: 'employee', votes: 0 });
    const fromPartner = await createIdea(t.ctx, partnerActor(), { title: '供应商可提供可降解防水袋', body: '' });
    expect(fromPartner).toMatchObject({ authorKind: 'partner', authorName: null });
    expect((await f.send(f.partnerKey, 'POST', '/api/v1/ideas', { title: 'x' })).statusCode).toBe(403);
    await expect(createIdea(t.ctx, partnerActor(), { title: 'x', body: '', responseId })).rejects.toMatchObject({ status: 403 });
    // A response outside the author's scope is not found.
    expect((await f.send(f.people.outsider.key, 'POST', '/api/v1/ideas', { title: 'x', responseId })).statusCode).toBe(404);
    const bad = await f.send(f.people.courier.key, 'POST', '/api/v1/ideas', { title: '', body: 'x'.repeat(6000) });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_request']);
    const list = await f.send(f.people.clerk.key, 'GET', '/api/v1/ideas');
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([linked.id, fromPartner.id]));
    expect((await f.send(f.partnerKey, 'GET', '/api/v1/ideas')).statusCode).toBe(403);
  });

  it('counts one vote per person', async () => {
    const idea = await newIdea(f.people.clerk.key);
    const vote = (key: string) => f.send(key, 'POST', `/api/v1/ideas/${idea.id}/votes`);
    expect((await vote(f.people.courier.key)).json()).toMatchObject({ votes: 1, hasMyVote: true });
    const again = await vote(f.people.courier.key);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_voted']);
    expect((await vote(f.people.storeManager.key)).json().votes).toBe(2);
    expect((await vote(f.partnerKey)).statusCode).toBe(403);
    expect((await f.send(f.people.courier.key, 'DELETE', `/api/v1/ideas/${idea.id}/votes`)).json()).toMatchObject({ votes: 1, hasMyVote: false });
    expect((await f.send(f.people.courier.key, 'DELETE', `/api/v1/ideas/${idea.id}/votes`)).statusCode).toBe(404);
    expect((await f.send(f.people.courier.key, 'POST', `/api/v1/ideas/${crypto.randomUUID()}/votes`)).statusCode).toBe(404);
    const top = await f.send(f.people.courier.key, 'GET', '/api/v1/ideas?sort=top&limit=1');
    expect(top.json().items[0].id).toBe(idea.id);
  });

  it('moves through the workflow, refuses wrong transitions, and gives the author +20 once on acceptance', async () => {
    const idea = await newIdea(f.people.courier.key);
    const before = await f.balanceOf(f.people.courier.id);
    expect((await setStatus(idea.id, 'accepted', f.people.courier.key)).statusCode).toBe(403);
    expect((await setStatus(idea.id, 'implemented')).json().error.code).toBe('invalid_transition');
    expect((await setStatus(idea.id, 'under_review')).json().status).toBe('under_review');
    const accepted = await setStatus(idea.id, 'accepted');
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect(accepted.json().acceptedAt).not.toBeNull();
    expect(await f.balanceOf(f.people.courier.id)).toBe(before + 20);
    expect((await setStatus(idea.id, 'in_progress')).statusCode).toBe(200);
    expect((await setStatus(idea.id, 'implemented')).json().implementedAt).not.toBeNull();
    expect((await setStatus(idea.id, 'open')).json().error.code).toBe('invalid_transition');
    expect(await f.balanceOf(f.people.courier.id)).toBe(before + 20);
    const events = await f.query<{ name: string }>(`SELECT name FROM outbox_events WHERE payload->>'ideaId' = $1 ORDER BY id`, [idea.id]);
    expect(events.map((e) => e.name)).toEqual(['idea.created', 'idea.accepted', 'idea.implemented']);

    // A partner's accepted idea earns no points (partners have no balance).
    const partnerIdea = await createIdea(t.ctx, partnerActor(), { title: '供应商的想法', body: '' });
    expect((await setStatus(partnerIdea.id, 'accepted')).statusCode).toBe(200);
    // A duplicate names its original.
    const dup = await newIdea(f.people.clerk.key);
    expect((await setStatus(dup.id, 'duplicate')).statusCode).toBe(400);
    expect((await setStatus(dup.id, 'duplicate', undefined, { duplicateOf: dup.id })).statusCode).toBe(400);
    expect((await setStatus(dup.id, 'duplicate', undefined, { duplicateOf: idea.id })).json()).toMatchObject({ status: 'duplicate', duplicateOf: idea.id });
    expect((await setStatus(dup.id, 'bogus')).statusCode).toBe(400);
  });

  it('shows the review history with each step’s note and, for a signed-in reviewer, their name', async () => {
    const idea = await newIdea(f.people.courier.key);
    expect((await setStatus(idea.id, 'under_review', undefined, { note: '下周例会讨论' })).statusCode).toBe(200);
    const creds = await buildUser(t.ctx, f.org, 'manager', f.people.storeManager.id);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: creds });
    expect(login.statusCode, login.body).toBe(200);
    const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
    t.clock.advance(60_000);
    const accepted = await t.app.inject({ method: 'POST', url: `/api/v1/ideas/${idea.id}/status`, headers, payload: { status: 'accepted' } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const detail = (await f.send(f.people.clerk.key, 'GET', `/api/v1/ideas/${idea.id}`)).json();
    expect(detail.history).toEqual([
      { status: 'under_review', at: expect.any(String), byName: null, note: '下周例会讨论' },
      { status: 'accepted', at: accepted.json().acceptedAt, byName: '陈思远', note: null },
    ]);
    expect((await f.send(f.people.clerk.key, 'GET', `/api/v1/ideas/${(await newIdea(f.people.clerk.key)).id}`)).json().history).toEqual([]);
  });

  it('keeps comments and challenges with deadlines', async () => {
    const challenge = await f.send(f.people.regional.key, 'POST', '/api/v1/challenges', { theme: '让雨天配送更贴心', deadline: new Date(t.clock.now().getTime() + 7 * DAY).toISOString() });
    expect(challenge.statusCode, challenge.body).toBe(201);
    expect((await f.send(f.people.courier.key, 'POST', '/api/v1/challenges', { theme: 'x', deadline: new Date(t.clock.now().getTime() + DAY).toISOString() })).statusCode).toBe(403);
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/challenges', { theme: 'x', deadline: '2000-01-01T00:00:00Z' })).statusCode).toBe(400);
    const idea = await newIdea(f.people.clerk.key, { challengeId: challenge.json().id });
    // An admin key acts as no employee, so its comment carries no name.
    const comment = await f.send(f.org.adminKey, 'POST', `/api/v1/ideas/${idea.id}/comments`, { body: '我们可以提供样品' });
    expect(comment.statusCode).toBe(201);
    t.clock.advance(60_000);
    await f.send(f.people.courier.key, 'POST', `/api/v1/ideas/${idea.id}/comments`, { body: '支持！' });
    const detail = (await f.send(f.people.courier.key, 'GET', `/api/v1/ideas/${idea.id}`)).json();
    expect(detail.comments).toBe(2);
    expect(detail.commentList.map((c: { authorName: string | null }) => c.authorName)).toEqual([null, '张伟']);
    expect((await f.send(f.people.courier.key, 'GET', '/api/v1/challenges')).json().items[0]).toMatchObject({ theme: '让雨天配送更贴心', isOpen: true, ideas: 1 });
    t.clock.advance(8 * DAY);
    const late = await f.send(f.people.clerk.key, 'POST', '/api/v1/ideas', { title: '迟到的想法', challengeId: challenge.json().id });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'challenge_closed']);
  });
});

describe('rewards and redemption', () => {
  let rewardId: string;
  it('keeps a bilingual catalogue that only admins change', async () => {
    const res = await f.send(f.org.adminKey, 'POST', '/api/v1/rewards', { name: '带薪休假一天', nameEn: 'A day of paid leave', kind: 'leave', cost: 30 });
    expect(res.statusCode, res.body).toBe(201);
    rewardId = res.json().id;
    expect((await f.send(f.people.storeManager.key, 'POST', '/api/v1/rewards', { name: 'x', nameEn: 'x', kind: 'gift', cost: 1 })).statusCode).toBe(403);
    expect((await f.send(f.org.adminKey, 'POST', '/api/v1/rewards', { name: 'x', nameEn: 'x', kind: 'car', cost: -1 })).statusCode).toBe(400);
    const hidden = await f.send(f.org.adminKey, 'POST', '/api/v1/rewards', { name: '旧奖品', nameEn: 'Old prize', kind: 'gift', cost: 1, active: false });
    expect((await f.send(f.people.courier.key, 'GET', '/api/v1/rewards')).json().items.map((r: { id: string }) => r.id)).toEqual([rewardId]);
    expect((await f.send(f.people.courier.key, 'POST', '/api/v1/redemptions', { rewardId: hidden.json().id })).statusCode).toBe(404);
    expect((await f.send(f.partnerKey, 'GET', '/api/v1/rewards')).statusCode).toBe(403);
  });

  it('changes only the fields a PATCH sends: disabling keeps the descriptions, editing keeps it disabled', async () => {
    const created = await f.send(f.org.adminKey, 'POST', '/api/v1/rewards', { name: '午餐券', nameEn: 'Lunch voucher', description: '与团队共进午餐', descriptionEn: 'Lunch with the team', kind: 'gift', cost: 80 });
    expect(created.statusCode, created.body).toBe(201);
    const patch = (body: object) => f.send(f.org.adminKey, 'PATCH', `/api/v1/rewards/${created.json().id}`, body);
    expect((await patch({ active: false })).json()).toMatchObject({ active: false, description: '与团队共进午餐', descriptionEn: 'Lunch with the team' });
    expect((await patch({ cost: 90 })).json()).toMatchObject({ active: false, cost: 90, description: '与团队共进午餐' });
  });

  it('debits on request only within the balance; a manager above approves, or rejects with a refund', async () => {
    const redeem = (key: string) => f.send(key, 'POST', '/api/v1/redemptions', { rewardId, note: '想陪家人' });
    // The clerk has nothing yet.
    expect(await f.balanceOf(f.people.clerk.id)).toBe(0);
    const short = await redeem(f.people.clerk.key);
    expect([short.statusCode, short.json().error.code, short.json().error.details]).toEqual([422, 'insufficient_points', { cost: 30, balance: 0 }]);
    await f.respond({ nps: 10, comment: PRAISE_COMMENT }, { employeeId: f.people.clerk.id });
    await f.send(f.people.storeManager.key, 'POST', '/api/v1/points/awards', { employeeId: f.people.clerk.id, points: 50, reason: '帮助同事' });
    expect(await f.balanceOf(f.people.clerk.id)).toBe(60);
    const first = await redeem(f.people.clerk.key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'pending', cost: 30, rewardNameEn: 'A day of paid leave' });
    expect(await f.balanceOf(f.people.clerk.id)).toBe(30);
    const second = await redeem(f.people.clerk.key);
    expect(await f.balanceOf(f.people.clerk.id)).toBe(0);
    expect((await redeem(f.people.clerk.key)).statusCode).toBe(422);

    const decide = (key: string, id: string, decision: string) => f.send(key, 'POST', `/api/v1/redemptions/${id}/decision`, { decision });
    expect((await decide(f.people.clerk.key, first.json().id, 'approve')).statusCode).toBe(403);
    expect((await decide(f.people.outsider.key, first.json().id, 'approve')).statusCode).toBe(403);
    expect((await decide(f.people.storeManager.key, first.json().id, 'approve')).json().status).toBe('approved');
    expect((await decide(f.people.storeManager.key, first.json().id, 'reject')).json().error.code).toBe('already_decided');
    expect((await decide(f.people.regional.key, second.json().id, 'reject')).json().status).toBe('rejected');
    expect(await f.balanceOf(f.people.clerk.id)).toBe(30);
    expect(await f.ledgerSum(f.people.clerk.id)).toBe(30);

    // A manager cannot decide their own; the list is scoped.
    const mine = (key: string) => f.send(key, 'GET', '/api/v1/redemptions').then((r) => r.json().items.map((i: { employeeId: string }) => i.employeeId));
    expect(new Set(await mine(f.people.clerk.key))).toEqual(new Set([f.people.clerk.id]));
    expect(await mine(f.people.outsider.key)).toEqual([]);
    expect((await f.send(f.people.storeManager.key, 'GET', '/api/v1/redemptions?status=pending')).json().items).toEqual([]);
  });
});
