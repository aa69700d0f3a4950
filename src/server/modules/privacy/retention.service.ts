/** The organisation's retention limits: read and replaced by admins, enforced by the daily job (retention.jobs.ts). */
import { RETENTION_KINDS, RETENTION_MONTHS, type Retention, type RetentionInput, type RetentionRun } from '../../../contracts/privacy.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';

export interface SettingsRow {
  responses_months: number | null;
  comments_months: number | null;
  cases_months: number | null;
  messages_months: number | null;
  sessions_months: number | null;
  updated_at: Date | null;
  last_run: RetentionRun | null;
}

const COLUMN: Record<(typeof RETENTION_KINDS)[number], keyof SettingsRow> = {
  responsesMonths: 'responses_months',
  commentsMonths: 'comments_months',
  casesMonths: 'cases_months',
  messagesMonths: 'messages_months',
  sessionsMonths: 'sessions_months',
};

const EMPTY: SettingsRow = {
  responses_months: null,
  comments_months: null,
  cases_months: null,
  messages_months: null,
  sessions_months: null,
  updated_at: null,
  last_run: null,
};

export async function readSettings(tx: Tx, orgId: string): Promise<SettingsRow> {
  const [row] = await tx.query<SettingsRow>(
    `SELECT responses_months, comments_months, cases_months, messages_months, sessions_months, updated_at, last_run FROM privacy_settings WHERE org_id = $1`,
    [orgId],
  );
  return row ?? EMPTY;
}

const toRetention = (r: SettingsRow): Retention => ({
  responsesMonths: r.responses_months,
  commentsMonths: r.comments_months,
  casesMonths: r.cases_months,
  messagesMonths: r.messages_months,
  sessionsMonths: r.sessions_months,
  updatedAt: r.updated_at?.toISOString() ?? null,
  lastRun: r.last_run,
});

export function getRetention(ctx: AppContext, actor: Actor): Promise<Retention> {
  authorize(actor, 'privacy.manage');
  return ctx.db.tenant(actor.orgId, async (tx) => toRetention(await readSettings(tx, actor.orgId)));
}

/** 400 retention_out_of_range naming the first field outside 1–120 months. */
function checkRange(input: RetentionInput): void {
  for (const kind of RETENTION_KINDS) {
    const v = input[kind];
    if (v === undefined || v === null) continue;
    if (v < RETENTION_MONTHS.min || v > RETENTION_MONTHS.max) {
      throw new AppError(400, 'retention_out_of_range', `${kind} must be whole months from ${RETENTION_MONTHS.min} to ${RETENTION_MONTHS.max}, or null to keep for ever`, {
        field: kind,
        value: v,
        ...RETENTION_MONTHS,
      });
    }
  }
}

export function putRetention(ctx: AppContext, actor: Actor, input: RetentionInput): Promise<Retention> {
  authorize(actor, 'privacy.manage');
  return ctx.db.tenant(actor.orgId, (tx) => saveRetention(ctx, tx, actor, input));
}

/** Fields absent from `input` keep their stored value; null clears one. Also used by the demo seed. */
export async function saveRetention(ctx: AppContext, tx: Tx, actor: Actor | null, input: RetentionInput): Promise<Retention> {
  checkRange(input);
  const orgId = tx.orgId!;
  const before = await readSettings(tx, orgId);
  const next = { ...before };
  for (const kind of RETENTION_KINDS) if (input[kind] !== undefined) (next[COLUMN[kind]] as number | null) = input[kind] ?? null;
  await tx.query(
    `INSERT INTO privacy_settings (org_id, responses_months, comments_months, cases_months, messages_months, sessions_months, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (org_id) DO UPDATE SET responses_months = $2, comments_months = $3, cases_months = $4, messages_months = $5, sessions_months = $6,
       updated_at = $7, updated_by = $8`,
    [orgId, next.responses_months, next.comments_months, next.cases_months, next.messages_months, next.sessions_months, ctx.clock.now(), actor?.id ?? null],
  );
  const { updatedAt: _b, lastRun: _l, ...beforeLimits } = toRetention(before);
  const saved = await readSettings(tx, orgId);
  const { updatedAt: _a, lastRun: _m, ...afterLimits } = toRetention(saved);
  await recordAudit(tx, ctx.clock, actor, { action: 'privacy.retention_updated', entityType: 'privacy_settings', entityId: null, before: beforeLimits, after: afterLimits });
  return toRetention(saved);
}
