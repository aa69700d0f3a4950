/**
 * One-time anonymous invitations. Opening an assessment gives every employee in its audience an
 * invitation carrying their unit, level and tenure band and the sha256 of a random token; the token itself
 * is never stored. It travels by e-mail through the outbox when SMTP is configured, else an admin hands
 * it out (a link per employee, or a CSV of every unanswered invitee's link). Because only the hash is
 * kept, handing a link out again (link, CSV, reminder) issues a fresh token and voids the earlier one.
 */
import type { Lang } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';
import { queueEmails, type OutgoingEmail } from '../surveys/index.ts';
import { deliveryOf, findAssessmentRow, isAnswerable, type AssessmentRow } from './assessment.row.ts';
import { assessmentMail, dayIn } from './invitations.mail.ts';
import { levelOf, tenureBandOf } from './level.ts';

/** An unanswered invitee is reminded once, this long after the invitation. */
export const REMIND_AFTER_MS = 3 * DAY;

/** `${LODESTAR_PUBLIC_URL or the request's origin}/a/${token}`. */
export const answerUrl = (ctx: AppContext, origin: string, token: string): string => `${(ctx.config.LODESTAR_PUBLIC_URL ?? origin).replace(/\/+$/, '')}/a/${token}`;

interface Invitee {
  employee_id: string;
  name: string;
  email: string | null;
  unit_id: string;
  culture_level: string | null;
  position_name: string;
  position_name_en: string | null;
  manages_others: boolean;
  started_on: string | null;
}

/** Employees in the audience: the subtrees of `unitIds`, or everyone. */
async function audienceOf(tx: Queryable, orgId: string, unitIds: readonly string[] | undefined): Promise<Invitee[]> {
  return tx.query<Invitee>(
    `WITH RECURSIVE scope AS (
       SELECT u.id FROM units u WHERE u.org_id = $1 AND u.id = ANY ($2::uuid[])
       UNION SELECT c.id FROM units c JOIN scope s ON c.parent_id = s.id WHERE c.org_id = $1)
     SELECT e.id AS employee_id, e.name, e.email, e.unit_id, p.culture_level, p.name AS position_name, p.name_en AS position_name_en,
       EXISTS (SELECT 1 FROM employees r WHERE r.org_id = e.org_id AND r.manager_id = e.id) AS manages_others, e.started_on::text AS started_on
     FROM employees e JOIN positions p ON p.org_id = e.org_id AND p.id = e.position_id
     WHERE e.org_id = $1 AND ($2::uuid[] IS NULL OR e.unit_id IN (SELECT id FROM scope))
     ORDER BY e.id`,
    [orgId, unitIds?.length ? unitIds : null],
  );
}

async function orgSettings(tx: Queryable, orgId: string): Promise<{ lang: Lang; timeZone: string }> {
  const [o] = await tx.query<{ default_locale: string; time_zone: string }>(`SELECT default_locale, time_zone FROM organisations WHERE id = $1`, [orgId]);
  return { lang: o?.default_locale === 'en' ? 'en' : 'zh-CN', timeZone: o?.time_zone ?? 'Asia/Shanghai' };
}

async function mailsFor(
  ctx: AppContext,
  tx: Queryable,
  orgId: string,
  a: AssessmentRow,
  kind: 'invite' | 'remind',
  people: Array<{ email: string | null; token: string }>,
): Promise<OutgoingEmail[]> {
  const { lang, timeZone } = await orgSettings(tx, orgId);
  const closesOn = dayIn(timeZone, a.closes_at);
  return people
    .filter((p): p is { email: string; token: string } => !!p.email)
    .map((p) => ({
      recipient: p.email,
      lang,
      ...assessmentMail(kind, lang, { assessmentName: a.name, url: answerUrl(ctx, '', p.token), closesOn, minGroupSize: a.min_group_size }),
    }));
}

/**
 * Writes the invitations of an assessment being opened, in the opening transaction (one statement), and
 * queues their e-mails when SMTP is configured.
 */
export async function issueInvitations(ctx: AppContext, tx: Tx, orgId: string, a: AssessmentRow): Promise<{ invited: number; emailed: number; delivery: 'email' | 'download' }> {
  const now = ctx.clock.now();
  const people = (await audienceOf(tx, orgId, a.audience.unitIds)).map((e) => ({
    ...e,
    token: randomToken(24),
    level: levelOf({ cultureLevel: e.culture_level, name: e.position_name, nameEn: e.position_name_en, managesOthers: e.manages_others }),
    tenure: tenureBandOf(e.started_on, now),
  }));
  await tx.query(
    `INSERT INTO assessment_invitations (org_id, assessment_id, employee_id, token_hash, unit_id, level, tenure_band, invited_at)
     SELECT $1, $2, x.employee_id, x.token_hash, x.unit_id, x.level, x.tenure_band, $3
     FROM unnest($4::uuid[], $5::text[], $6::uuid[], $7::text[], $8::text[]) AS x(employee_id, token_hash, unit_id, level, tenure_band)`,
    [orgId, a.id, now, people.map((p) => p.employee_id), people.map((p) => sha256(p.token)), people.map((p) => p.unit_id), people.map((p) => p.level), people.map((p) => p.tenure)],
  );
  const delivery = deliveryOf(ctx);
  const emailed = delivery === 'email' ? await queueEmails(tx, orgId, now, 'assessment_invitation', await mailsFor(ctx, tx, orgId, a, 'invite', people)) : 0;
  return { invited: people.length, emailed, delivery };
}

/** Replaces the token of each invitation given; returns the new tokens in the same order. */
async function reissue(tx: Queryable, orgId: string, assessmentId: string, employeeIds: readonly string[], remindedAt: Date | null): Promise<string[]> {
  const tokens = employeeIds.map(() => randomToken(24));
  await tx.query(
    `UPDATE assessment_invitations i SET token_hash = x.token_hash, reminded_at = coalesce($3, i.reminded_at)
     FROM unnest($4::uuid[], $5::text[]) AS x(employee_id, token_hash)
     WHERE i.org_id = $1 AND i.assessment_id = $2 AND i.employee_id = x.employee_id AND NOT i.answered`,
    [orgId, assessmentId, remindedAt, employeeIds, tokens.map(sha256)],
  );
  return tokens;
}

function requireAnswerable(ctx: AppContext, a: AssessmentRow): void {
  if (a.status === 'draft') throw conflict('assessment_not_open', 'the assessment has not been opened yet');
  if (!isAnswerable(a, ctx.clock.now())) throw new AppError(410, 'assessment_closed', 'the assessment is closed');
}

/** A fresh link for one invitee (for handing out in person); the earlier link stops working. */
export function issueInvitationLink(ctx: AppContext, actor: Actor, assessmentId: string, employeeId: string, origin: string): Promise<{ token: string; url: string }> {
  authorize(actor, 'assessment.distribute');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const a = await findAssessmentRow(tx, actor.orgId, assessmentId);
    requireAnswerable(ctx, a);
    const [inv] = await tx.query<{ answered: boolean }>(
      `SELECT answered FROM assessment_invitations WHERE org_id = $1 AND assessment_id = $2 AND employee_id = $3 FOR UPDATE`,
      [actor.orgId, assessmentId, employeeId],
    );
    if (!inv) throw notFound('invitation');
    if (inv.answered) throw conflict('already_answered', 'this invitation has been answered');
    const [token] = await reissue(tx, actor.orgId, assessmentId, [employeeId], null);
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment.link_issued', entityType: 'assessment', entityId: assessmentId, after: { employeeId } });
    return { token: token!, url: answerUrl(ctx, origin, token!) };
  });
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) || /^[=+\-@\t]/.test(v) ? `"${(/^[=+\-@\t]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);

/** A CSV of fresh links for every unanswered invitee (earlier links of theirs stop working). */
export function invitationsCsv(ctx: AppContext, actor: Actor, assessmentId: string, origin: string): Promise<string> {
  authorize(actor, 'assessment.distribute');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const a = await findAssessmentRow(tx, actor.orgId, assessmentId);
    requireAnswerable(ctx, a);
    const rows = await tx.query<{ employee_id: string; name: string; email: string | null; unit: string }>(
      `SELECT i.employee_id, e.name, e.email, coalesce(u.name_en, u.name) AS unit
       FROM assessment_invitations i JOIN employees e ON e.org_id = i.org_id AND e.id = i.employee_id JOIN units u ON u.org_id = i.org_id AND u.id = i.unit_id
       WHERE i.org_id = $1 AND i.assessment_id = $2 AND NOT i.answered ORDER BY unit, e.name, i.employee_id FOR UPDATE OF i`,
      [actor.orgId, assessmentId],
    );
    const tokens = await reissue(tx, actor.orgId, assessmentId, rows.map((r) => r.employee_id), null);
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment.links_exported', entityType: 'assessment', entityId: assessmentId, after: { count: rows.length } });
    const lines = rows.map((r, i) => [r.employee_id, r.name, r.email ?? '', r.unit, answerUrl(ctx, origin, tokens[i]!)].map(csvCell).join(','));
    return `\uFEFFemployee_id,name,email,unit,url\r\n${lines.map((l) => `${l}\r\n`).join('')}`;
  });
}

/** Reminds invitees of one open assessment: all unanswered (manual) or those due (job). Fresh tokens, e-mailed. */
async function remindIn(ctx: AppContext, tx: Tx, orgId: string, a: AssessmentRow, onlyDue: boolean): Promise<number> {
  const now = ctx.clock.now();
  const due = await tx.query<{ employee_id: string; email: string }>(
    `SELECT i.employee_id, e.email FROM assessment_invitations i JOIN employees e ON e.org_id = i.org_id AND e.id = i.employee_id
     WHERE i.org_id = $1 AND i.assessment_id = $2 AND NOT i.answered AND e.email IS NOT NULL
       AND (NOT $3::boolean OR (i.reminded_at IS NULL AND i.invited_at <= $4))
     ORDER BY i.employee_id FOR UPDATE OF i SKIP LOCKED`,
    [orgId, a.id, onlyDue, new Date(now.getTime() - REMIND_AFTER_MS)],
  );
  if (due.length === 0) return 0;
  const tokens = await reissue(tx, orgId, a.id, due.map((d) => d.employee_id), now);
  const mails = await mailsFor(ctx, tx, orgId, a, 'remind', due.map((d, i) => ({ email: d.email, token: tokens[i]! })));
  return queueEmails(tx, orgId, now, 'assessment_reminder', mails);
}

/** `POST …/remind`: e-mails every unanswered invitee of an open assessment a fresh link now. */
export function remindInvitees(ctx: AppContext, actor: Actor, assessmentId: string): Promise<{ reminded: number }> {
  authorize(actor, 'assessment.distribute');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const a = await findAssessmentRow(tx, actor.orgId, assessmentId);
    requireAnswerable(ctx, a);
    if (deliveryOf(ctx) !== 'email') throw conflict('email_not_configured', 'no SMTP server is configured: download the links (invitations.csv) and hand them out instead');
    const reminded = await remindIn(ctx, tx, actor.orgId, a, false);
    await recordAudit(tx, ctx.clock, actor, { action: 'assessment.reminded', entityType: 'assessment', entityId: assessmentId, after: { reminded } });
    return { reminded };
  });
}

/** The hourly job's part: once, three days after the invitation, every unanswered invitee of an open assessment. */
export async function sendDueAssessmentReminders(ctx: AppContext): Promise<number> {
  if (deliveryOf(ctx) !== 'email') return 0;
  const now = ctx.clock.now();
  const open = await ctx.db.system((tx) =>
    tx.query<{ org_id: string; id: string }>(`SELECT org_id, id FROM assessments WHERE status = 'open' AND closes_at > $1 AND opened_at <= $2`, [now, new Date(now.getTime() - REMIND_AFTER_MS)]),
  );
  let total = 0;
  for (const { org_id: orgId, id } of open) {
    total += await ctx.db.tenant(orgId, async (tx) => remindIn(ctx, tx, orgId, await findAssessmentRow(tx, orgId, id), true));
  }
  return total;
}
