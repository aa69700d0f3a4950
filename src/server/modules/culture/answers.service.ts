/**
 * Answering through a one-time token (the answer page and `POST /api/v1/public/assessments/:token`).
 * In one transaction: the invitation is locked and marked answered, the scores are written with only
 * the invitation's unit, level and tenure band, and each comment is written apart (unit and level only),
 * PII-redacted. Nothing written names the employee, the token or the time.
 */
import type { AssessmentSection, CultureLevel, TenureBand } from '../../../contracts/culture.ts';
import { ASSESSMENT_LIMITS } from '../../../contracts/culture.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { sha256 } from '../../platform/secrets.ts';
import { redactPii } from '../text/index.ts';
import { isAnswerable, type AssessmentRow } from './assessment.row.ts';

export type Answers = Record<string, number | string>;
export type InvitationProblem = 'unknown' | 'answered' | 'not_open' | 'closed';

/** The status and code each problem is answered with (the page and the JSON API agree). */
export const PROBLEMS: Record<InvitationProblem, { status: number; code: string; message: string }> = {
  unknown: { status: 404, code: 'not_found', message: 'no invitation has this link' },
  answered: { status: 409, code: 'already_answered', message: 'this link has already been used to answer' },
  not_open: { status: 409, code: 'assessment_not_open', message: 'the assessment is not open yet' },
  closed: { status: 410, code: 'assessment_closed', message: 'the assessment is closed' },
};

export interface InvitationView {
  orgId: string;
  assessment: Pick<AssessmentRow, 'id' | 'name' | 'template' | 'min_group_size' | 'min_comment_group_size' | 'closes_at' | 'status'>;
  unitName: { 'zh-CN': string; en: string };
  level: CultureLevel;
  tenureBand: TenureBand | null;
  timeZone: string;
}

const problem = (p: InvitationProblem) => new AppError(PROBLEMS[p].status, PROBLEMS[p].code, PROBLEMS[p].message);

/** What the answer page needs for a token, or the problem with it. */
export async function viewInvitation(ctx: AppContext, token: string): Promise<InvitationView | InvitationProblem> {
  const [hit] = await ctx.db.system((tx) => tx.query<{ org_id: string }>(`SELECT org_id FROM assessment_invitations WHERE token_hash = $1`, [sha256(token)]));
  if (!hit) return 'unknown';
  return ctx.db.tenant(hit.org_id, async (tx) => {
    const [row] = await tx.query<InvitationView['assessment'] & { answered: boolean; level: CultureLevel; tenure_band: TenureBand | null; unit_name: string; unit_name_en: string | null; time_zone: string }>(
      `SELECT a.id, a.name, a.template, a.min_group_size, a.min_comment_group_size, a.closes_at, a.status, i.answered, i.level, i.tenure_band,
         u.name AS unit_name, u.name_en AS unit_name_en, o.time_zone
       FROM assessment_invitations i JOIN assessments a ON a.org_id = i.org_id AND a.id = i.assessment_id
         JOIN units u ON u.org_id = i.org_id AND u.id = i.unit_id JOIN organisations o ON o.id = i.org_id
       WHERE i.org_id = $1 AND i.token_hash = $2`,
      [hit.org_id, sha256(token)],
    );
    if (!row) return 'unknown';
    if (row.answered) return 'answered';
    if (row.status === 'draft') return 'not_open';
    if (!isAnswerable(row, ctx.clock.now())) return 'closed';
    const { answered: _a, level, tenure_band, unit_name, unit_name_en, time_zone, ...assessment } = row;
    return { orgId: hit.org_id, assessment, unitName: { 'zh-CN': unit_name, en: unit_name_en ?? unit_name }, level, tenureBand: tenure_band, timeZone: time_zone };
  });
}

/**
 * Checks answers against the assessment's sections: every likert (integer 1–5) and single-choice item
 * answered, text at most 2000 characters; unknown keys refused. Returns the problems by item key.
 */
export function answerProblems(sections: readonly AssessmentSection[], answers: Readonly<Record<string, unknown>>): Record<string, string> {
  const items = new Map(sections.flatMap((s) => s.items.map((i) => [i.key, i] as const)));
  const problems: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    const item = items.get(key);
    if (!item) problems[key] = 'unknown item';
    else if (item.type === 'likert') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) problems[key] = 'must be an integer from 1 to 5';
    } else if (item.type === 'single') {
      if (typeof value !== 'string' || !item.options?.some((o) => o.value === value)) problems[key] = 'must be one of the options';
    } else if (typeof value !== 'string') problems[key] = 'must be text';
    else if (value.length > ASSESSMENT_LIMITS.maxComment) problems[key] = `must be at most ${ASSESSMENT_LIMITS.maxComment} characters`;
    else if (value.includes('\0')) problems[key] = 'must not contain NUL bytes';
  }
  // Every scored item is required: with skips, two shown groups could differ by one person's answer to one
  // item, and subtracting their figures would reveal it. Only the open question may stay empty.
  for (const [key, item] of items) if (item.type !== 'text' && !(key in answers)) problems[key] = 'required';
  return problems;
}

/** Records one respondent's answers and uses up the token. */
export async function submitAnswers(ctx: AppContext, token: string, answers: Readonly<Record<string, unknown>>): Promise<{ received: true }> {
  const hash = sha256(token);
  const [hit] = await ctx.db.system((tx) => tx.query<{ org_id: string }>(`SELECT org_id FROM assessment_invitations WHERE token_hash = $1`, [hash]));
  if (!hit) throw notFound('invitation');
  const orgId = hit.org_id;
  return ctx.db.tenant(orgId, async (tx) => {
    const [inv] = await tx.query<{ assessment_id: string; employee_id: string; unit_id: string; level: string; tenure_band: string | null; answered: boolean }>(
      `SELECT assessment_id, employee_id, unit_id, level, tenure_band, answered FROM assessment_invitations WHERE org_id = $1 AND token_hash = $2 FOR UPDATE`,
      [orgId, hash],
    );
    if (!inv) throw notFound('invitation');
    if (inv.answered) throw problem('answered');
    const [a] = await tx.query<Pick<AssessmentRow, 'status' | 'closes_at' | 'template'>>(`SELECT status, closes_at, template FROM assessments WHERE org_id = $1 AND id = $2`, [
      orgId,
      inv.assessment_id,
    ]);
    if (!a) throw notFound('invitation');
    if (a.status === 'draft') throw problem('not_open');
    if (!isAnswerable(a, ctx.clock.now())) throw problem('closed');
    const problems = answerProblems(a.template, answers);
    if (Object.keys(problems).length) throw invalid('some answers are not valid', { fields: problems });
    const textKeys = new Set(a.template.flatMap((s) => s.items.filter((i) => i.type === 'text').map((i) => i.key)));
    const scores: Answers = {};
    const comments: string[] = [];
    for (const [key, value] of Object.entries(answers) as Array<[string, number | string]>) {
      if (!textKeys.has(key)) scores[key] = value;
      else if (typeof value === 'string' && value.trim()) comments.push(redactPii(value.trim()).text);
    }
    if (Object.keys(scores).length === 0 && comments.length === 0) throw invalid('answer at least one question', { fields: {} });
    await tx.query(`INSERT INTO assessment_answers (org_id, assessment_id, unit_id, level, tenure_band, answers) VALUES ($1, $2, $3, $4, $5, $6)`, [
      orgId,
      inv.assessment_id,
      inv.unit_id,
      inv.level,
      inv.tenure_band,
      JSON.stringify(scores),
    ]);
    if (comments.length) {
      await tx.query(
        `INSERT INTO assessment_comments (org_id, assessment_id, unit_id, level, text) SELECT $1, $2, $3, $4, c FROM unnest($5::text[]) AS c`,
        [orgId, inv.assessment_id, inv.unit_id, inv.level, comments],
      );
    }
    await tx.query(`UPDATE assessment_invitations SET answered = true WHERE org_id = $1 AND assessment_id = $2 AND employee_id = $3`, [orgId, inv.assessment_id, inv.employee_id]);
    return { received: true as const };
  });
}
