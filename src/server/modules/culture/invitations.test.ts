import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { closeDueAssessments } from './assessments.service.ts';
import { buildCultureOrg, CLOSES_AT, openAssessment, SAMPLE_ANSWERS, send, type CultureOrg } from './culture.fixtures.ts';
import { sendDueAssessmentReminders } from './invitations.service.ts';

// With SMTP configured invitations and reminders are e-mailed through the outbox; without it, links are downloaded.

let t: TestApp;
let c: CultureOrg;
const PUBLIC_URL = 'https://lodestar.example';

beforeAll(async () => {
  t = await createTestApp({ LODESTAR_SMTP_URL: 'smtp://127.0.0.1:2525', LODESTAR_PUBLIC_URL: PUBLIC_URL });
  c = await buildCultureOrg(t);
});
afterAll(() => t.close());

const messages = (kind: string) =>
  t.ctx.db.tenant(c.org.orgId, (tx) =>
    tx.query<{ recipient: string; subject: string; body: string; lang: string; status: string }>(
      `SELECT recipient, subject, body, lang, status FROM outbox_messages WHERE org_id = $1 AND kind = $2 ORDER BY id`,
      [c.org.orgId, kind],
    ),
  );
const tokenIn = (body: string) => new RegExp(`${PUBLIC_URL}/a/([A-Za-z0-9_-]+)`).exec(body)![1]!;
const answer = (token: string) => send(t, null, 'POST', `/api/v1/public/assessments/${token}`, { answers: SAMPLE_ANSWERS });

describe('invitations by e-mail', () => {
  it('e-mails every invitee a working one-time link in both languages, and stores only its hash', async () => {
    const { id, opened } = await openAssessment(t, c);
    expect(opened).toEqual({ invited: c.regionStaff.length, emailed: c.regionStaff.length, delivery: 'email' });
    expect((await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${id}`)).json()).toMatchObject({ delivery: 'email', invited: c.regionStaff.length });
    const mails = await messages('assessment_invitation');
    expect(mails).toHaveLength(c.regionStaff.length);
    const [mail] = mails;
    expect(mail).toMatchObject({ lang: 'zh-CN', status: 'queued' });
    expect(mail!.subject).toContain('Culture 2026');
    expect(mail!.body).toContain('匿名');
    expect(mail!.body).toContain('anonymous');
    expect(mail!.body).toContain('2026-02-01');
    const token = tokenIn(mail!.body);
    const hashes = await t.ctx.db.tenant(c.org.orgId, (tx) => tx.query<{ token_hash: string }>(`SELECT token_hash FROM assessment_invitations WHERE org_id = $1 AND assessment_id = $2`, [c.org.orgId, id]));
    expect(JSON.stringify(hashes)).not.toContain(token);
    expect((await answer(token)).statusCode).toBe(201);
  });

  it('reminds unanswered invitees once, three days after opening, with a fresh link; and on demand', async () => {
    const { id } = await openAssessment(t, c, { name: 'Reminded' });
    const invites = (await messages('assessment_invitation')).filter((m) => m.subject.includes('Reminded'));
    const answeredToken = tokenIn(invites[0]!.body);
    expect((await answer(answeredToken)).statusCode).toBe(201);

    t.clock.advance(2 * DAY);
    expect(await sendDueAssessmentReminders(t.ctx)).toBe(0);
    t.clock.advance(DAY + 1000);
    // The first test's assessment is due too (its unanswered invitees are reminded with these).
    const sent = await sendDueAssessmentReminders(t.ctx);
    expect(sent).toBe((await messages('assessment_reminder')).length);
    expect(await sendDueAssessmentReminders(t.ctx)).toBe(0);
    const reminders = (await messages('assessment_reminder')).filter((m) => m.subject.includes('Reminded'));
    expect(reminders).toHaveLength(c.regionStaff.length - 1);
    expect(reminders[0]!.body).toContain('之前的链接已失效');
    // The reminder's link replaces the invitation's.
    const stale = tokenIn(invites[1]!.body);
    expect((await answer(stale)).statusCode).toBe(404);
    expect((await answer(tokenIn(reminders[0]!.body))).statusCode).toBe(201);

    const manual = await send(t, c.org.adminKey, 'POST', `/api/v1/assessments/${id}/remind`);
    expect(manual.json()).toEqual({ reminded: c.regionStaff.length - 2 });
    t.clock.advance(-(3 * DAY + 1000));
  });

  it('lists fresh links of unanswered invitees as CSV, safe against formula injection', async () => {
    const { id } = await openAssessment(t, c, { name: 'CSV', audience: {} });
    await t.ctx.db.tenant(c.org.orgId, (tx) => tx.query(`UPDATE employees SET name = '=HYPERLINK("x")' WHERE org_id = $1 AND id = $2`, [c.org.orgId, c.everyone.at(-1)]));
    const res = await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${id}/invitations.csv`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('employee_id,name,email,unit,url');
    expect(lines).toHaveLength(c.everyone.length + 1);
    expect(res.body).toContain(`"'=HYPERLINK(""x"")"`);
    const token = new RegExp(`${PUBLIC_URL}/a/([A-Za-z0-9_-]+)`).exec(lines[1]!)![1]!;
    expect((await answer(token)).statusCode).toBe(201);
    const again = await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${id}/invitations.csv`);
    expect(again.body.trim().split('\r\n')).toHaveLength(c.everyone.length);
  });

  it('closes assessments whose closing time has passed (hourly job)', async () => {
    const { id } = await openAssessment(t, c, { name: 'Closing', closesAt: '2026-01-10T00:00:00Z' });
    expect(await closeDueAssessments(t.ctx)).toBe(0);
    t.clock.set('2026-01-10T00:30:00Z');
    expect(await closeDueAssessments(t.ctx)).toBeGreaterThanOrEqual(1);
    expect((await send(t, c.org.adminKey, 'GET', `/api/v1/assessments/${id}`)).json()).toMatchObject({ status: 'closed', closedAt: '2026-01-10T00:00:00.000Z' });
    expect(new Date(CLOSES_AT) > t.clock.now()).toBe(true);
  });
});

describe('invitations without SMTP', () => {
  it('refuses reminders with email_not_configured: links are handed out instead', async () => {
    const plain = await createTestApp();
    try {
      const org = await buildCultureOrg(plain);
      const { id, opened } = await openAssessment(plain, org);
      expect(opened.delivery).toBe('download');
      const res = await send(plain, org.org.adminKey, 'POST', `/api/v1/assessments/${id}/remind`);
      expect([res.statusCode, res.json().error.code]).toEqual([409, 'email_not_configured']);
      expect(await sendDueAssessmentReminders(plain.ctx)).toBe(0);
    } finally {
      await plain.close();
    }
  });
});
