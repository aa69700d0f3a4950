/**
 * The external shopper's one-time link: issued for an open visit (only the token's sha256 is kept, with an
 * expiry; a fresh link replaces the earlier one), opened without an account, and used once: submitting
 * every score completes the visit, after which the token answers 409; past its expiry it answers 410.
 */
import { AUDIT_LIMITS, type ShopperLink } from '../../../contracts/audit.ts';
import type { LocalizedText } from '../../../contracts/surveys.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { randomToken, sha256 } from '../../platform/secrets.ts';
import { findAudit, mustBeOpen } from './audit.row.ts';
import { finish } from './audits.service.ts';
import { templateOf, type Checklist } from './templates.ts';

export type VisitProblem = 'unknown' | 'used' | 'expired';
export const VISIT_PROBLEMS: Record<VisitProblem, { status: number; code: string }> = {
  unknown: { status: 404, code: 'not_found' },
  used: { status: 409, code: 'already_submitted' },
  expired: { status: 410, code: 'link_expired' },
};

/** A shopper's token: 32 random bytes, base64url. Anything else is not looked up at all. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** A shopper's note on one item, and on the visit as a whole. */
export const NOTE_LIMITS = { item: 1000, visit: AUDIT_LIMITS.maxEvidence } as const;

export async function issueShopperLink(ctx: AppContext, actor: Actor, id: string, expiresInDays: number, origin: string): Promise<ShopperLink> {
  authorize(actor, 'experienceAudit.conduct');
  const token = randomToken(32);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + expiresInDays * DAY);
  await ctx.db.tenant(actor.orgId, async (tx) => {
    const audit = await findAudit(tx, actor, id, true);
    if (audit.kind !== 'mystery') throw new AppError(409, 'not_a_visit', 'only a mystery-shopping visit can be done through a shopper link');
    mustBeOpen(audit);
    await tx.query(`UPDATE experience_audits SET link_token_hash = $3, link_expires_at = $4, link_issued_at = $5 WHERE org_id = $1 AND id = $2`, [actor.orgId, id, sha256(token), expiresAt, now]);
    await recordAudit(tx, ctx.clock, actor, { action: 'experience_audit.shopper_link_issued', entityType: 'experience_audit', entityId: id, after: { expiresAt: expiresAt.toISOString() } });
  });
  return { url: `${origin}/ms/${token}`, expiresAt: expiresAt.toISOString() };
}

export interface VisitView {
  orgId: string;
  auditId: string;
  name: LocalizedText;
  unitName: LocalizedText;
  touchpoint: string;
  dueAt: string | null;
  expiresAt: Date;
  timeZone: string;
  checklist: Checklist;
}

interface VisitRow {
  id: string;
  template_key: string;
  title: string | null;
  checklist: Checklist;
  touchpoint: string;
  status: 'open' | 'completed';
  due_at: string | null;
  link_expires_at: Date;
  unit_name: string;
  unit_name_en: string | null;
  time_zone: string;
}

/** The visit behind a token, or what is wrong with the token. */
export async function viewVisit(ctx: AppContext, token: string): Promise<VisitView | VisitProblem> {
  if (!TOKEN.test(token)) return 'unknown';
  const hash = sha256(token);
  const [hit] = await ctx.db.system((tx) => tx.query<{ org_id: string }>(`SELECT org_id FROM experience_audits WHERE link_token_hash = $1`, [hash]));
  if (!hit) return 'unknown';
  const row = await ctx.db.tenant(hit.org_id, async (tx) => {
    const [row] = await tx.query<VisitRow>(
      `SELECT a.id, a.template_key, a.title, a.checklist, a.touchpoint, a.status, to_char(a.due_at, 'YYYY-MM-DD') AS due_at, a.link_expires_at, u.name AS unit_name, u.name_en AS unit_name_en, o.time_zone
         FROM experience_audits a JOIN units u ON u.org_id = a.org_id AND u.id = a.unit_id JOIN organisations o ON o.id = a.org_id
        WHERE a.org_id = $1 AND a.link_token_hash = $2`,
      [hit.org_id, hash],
    );
    return row;
  });
  if (!row) return 'unknown';
  if (row.status === 'completed') return 'used';
  if (row.link_expires_at.getTime() <= ctx.clock.now().getTime()) return 'expired';
  const template = templateOf(row.template_key)!;
  return {
    orgId: hit.org_id,
    auditId: row.id,
    name: row.title ? { 'zh-CN': row.title, en: row.title } : template.name,
    unitName: { 'zh-CN': row.unit_name, en: row.unit_name_en ?? row.unit_name },
    touchpoint: row.touchpoint,
    dueAt: row.due_at,
    expiresAt: row.link_expires_at,
    timeZone: row.time_zone,
    checklist: row.checklist,
  };
}

export interface VisitAnswers {
  scores: Record<string, number>;
  notes: Record<string, string>;
  visitNotes: string;
}

/** What is wrong with a shopper's answers, by item key (every item needs a score 0–4; notes are bounded). */
export function visitProblems(checklist: Checklist, a: VisitAnswers): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const item of checklist.items) {
    const score = a.scores[item.key];
    if (score === undefined) problems[item.key] = 'required';
    else if (!Number.isInteger(score) || score < 0 || score > AUDIT_LIMITS.maxScore) problems[item.key] = 'must be a whole number from 0 to 4';
    else if ((a.notes[item.key] ?? '').length > NOTE_LIMITS.item) problems[item.key] = `a note may have at most ${NOTE_LIMITS.item} characters`;
  }
  if (a.visitNotes.length > NOTE_LIMITS.visit) problems.notes = `at most ${NOTE_LIMITS.visit} characters`;
  return problems;
}

/** Records the shopper's scores and notes and completes the visit, once (the row lock serialises two tabs). */
export async function submitVisit(ctx: AppContext, token: string, answers: VisitAnswers): Promise<VisitProblem | Record<string, string> | null> {
  const view = await viewVisit(ctx, token);
  if (typeof view === 'string') return view;
  const problems = visitProblems(view.checklist, answers);
  if (Object.keys(problems).length) return problems;
  return ctx.db.tenant(view.orgId, async (tx) => {
    const [row] = await tx.query<{ status: string; link_expires_at: Date; link_token_hash: string }>(
      `SELECT status, link_expires_at, link_token_hash FROM experience_audits WHERE org_id = $1 AND id = $2 FOR UPDATE`,
      [view.orgId, view.auditId],
    );
    if (!row || row.link_token_hash !== sha256(token)) return 'unknown';
    if (row.status === 'completed') return 'used';
    const now = ctx.clock.now();
    if (row.link_expires_at.getTime() <= now.getTime()) return 'expired';
    const items = view.checklist.items.map((i) => ({ key: i.key, score: answers.scores[i.key]!, note: (answers.notes[i.key] ?? '').trim() }));
    await tx.query(
      `UPDATE experience_audit_items i SET score = x.score, evidence = x.note, updated_at = $3
         FROM jsonb_to_recordset($4::jsonb) AS x(key text, score int, note text)
        WHERE i.org_id = $1 AND i.audit_id = $2 AND i.item_key = x.key`,
      [view.orgId, view.auditId, now, JSON.stringify(items)],
    );
    await finish(tx, view.auditId, { scores: items.map((i) => i.score), by: 'shopper', notes: answers.visitNotes.trim(), at: now });
    await recordAudit(tx, ctx.clock, null, { action: 'experience_audit.shopper_submitted', entityType: 'experience_audit', entityId: view.auditId });
    return null;
  });
}
