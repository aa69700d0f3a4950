/**
 * The daily retention job. One recurring system job (a single leased row in `jobs`, so it runs once however
 * many nodes poll) enqueues one job per organisation that set limits, unique per organisation and day; each
 * works through its organisation in small batches, one tenant transaction per batch, so a large backlog never
 * holds a long transaction and a crash resumes where it stopped (every step only picks rows not yet done).
 * Aggregates are kept: rollups are never touched, and rows that carry a measurement are anonymised, not deleted.
 */
import type { RetentionRun } from '../../../contracts/privacy.ts';
import { DAY } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { enqueueJob } from '../../platform/jobs/index.ts';
import { detachResponses, scrubCases, stripResponseTexts } from './anonymise.ts';
import { readSettings } from './retention.service.ts';
import { valuesToFind } from './scrub.ts';

export const SCHEDULE_RETENTION = 'privacy.schedule-retention';
export const APPLY_RETENTION = 'privacy.apply-retention';
/** Rows per transaction. */
export const RETENTION_BATCH = 500;

export function registerPrivacyJobs(ctx: AppContext): void {
  ctx.jobs.register(SCHEDULE_RETENTION, async () => {
    await scheduleRetention(ctx);
  });
  ctx.jobs.register(APPLY_RETENTION, async (job) => {
    await applyRetention(ctx, job.orgId!);
  });
}

export function schedulePrivacyJobs(ctx: AppContext): Promise<void> {
  return ctx.jobs.every(SCHEDULE_RETENTION, DAY);
}

/** One retention job per organisation with a limit, unique per organisation and UTC day; returns how many were new. */
export async function scheduleRetention(ctx: AppContext): Promise<number> {
  const day = ctx.clock.now().toISOString().slice(0, 10);
  return ctx.db.system(async (tx) => {
    const orgs = await tx.query<{ org_id: string }>(
      `SELECT org_id FROM privacy_settings
        WHERE num_nonnulls(responses_months, comments_months, cases_months, messages_months, sessions_months) > 0 ORDER BY org_id`,
    );
    let enqueued = 0;
    for (const { org_id } of orgs) if ((await enqueueJob(tx, { name: APPLY_RETENTION, orgId: org_id, uniqueKey: `${APPLY_RETENTION}:${org_id}:${day}` })) !== null) enqueued++;
    return enqueued;
  });
}

/** Runs `step` in its own tenant transaction until it handles fewer than a batch; returns the rows handled. */
async function inBatches(ctx: AppContext, orgId: string, step: (tx: Tx) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await ctx.db.tenant(orgId, step);
    total += n;
    if (n < RETENTION_BATCH) return total;
  }
}

const before = (months: number) => `$2::timestamptz - make_interval(months => ${Math.trunc(months)})`;
const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);

/** Applies the organisation's limits now; records and returns what it did. */
export async function applyRetention(ctx: AppContext, orgId: string): Promise<RetentionRun> {
  const now = ctx.clock.now();
  const s = await ctx.db.tenant(orgId, (tx) => readSettings(tx, orgId));
  const run: RetentionRun = { at: now.toISOString(), responses: 0, comments: 0, cases: 0, messages: 0, sessions: 0 };
  const p = [orgId, now, RETENTION_BATCH];

  if (s.comments_months !== null) {
    const sql = `SELECT id FROM responses WHERE org_id = $1 AND submitted_at < ${before(s.comments_months)} AND comment IS NOT NULL ORDER BY submitted_at LIMIT $3`;
    run.comments = await inBatches(ctx, orgId, async (tx) => stripResponseTexts(tx, orgId, idsOf(await tx.query(sql, p))));
  }
  if (s.responses_months !== null) {
    const sql = `SELECT id FROM responses WHERE org_id = $1 AND submitted_at < ${before(s.responses_months)}
       AND (customer_id IS NOT NULL OR interaction_id IS NOT NULL OR link_id IS NOT NULL OR comment IS NOT NULL) ORDER BY submitted_at LIMIT $3`;
    run.responses = await inBatches(ctx, orgId, async (tx) => detachResponses(tx, orgId, idsOf(await tx.query(sql, p)), true));
  }
  if (s.cases_months !== null) {
    const sql = `SELECT id FROM cases WHERE org_id = $1 AND closed_at < ${before(s.cases_months)} AND scrubbed_at IS NULL ORDER BY closed_at LIMIT $3`;
    run.cases = await inBatches(ctx, orgId, async (tx) => {
      const ids = idsOf(await tx.query(sql, p));
      if (!ids.length) return 0;
      const people = await tx.query<{ id: string; name: string | null; email: string | null; phone: string | null; external_id: string | null }>(
        `SELECT c.id, c.name, c.email, c.phone, c.external_id FROM customers c
          WHERE c.org_id = $1 AND c.id IN (SELECT customer_id FROM cases WHERE org_id = $1 AND id = ANY ($2::uuid[]))`,
        [orgId, ids],
      );
      const valuesOf = new Map(people.map((c) => [c.id, valuesToFind({ name: c.name, email: c.email, phone: c.phone, externalId: c.external_id, texts: [] })]));
      return scrubCases(tx, orgId, ids, now, (customerId) => (customerId ? (valuesOf.get(customerId) ?? []) : []));
    });
  }
  if (s.messages_months !== null) {
    const sql = `DELETE FROM outbox_messages WHERE org_id = $1 AND id IN (
       SELECT id FROM outbox_messages WHERE org_id = $1 AND created_at < ${before(s.messages_months)} ORDER BY created_at LIMIT $3) RETURNING id`;
    // Sent, failed, or still queued after a month or more (a message never sent by then never will be usefully).
    run.messages = await inBatches(ctx, orgId, async (tx) => (await tx.query(sql, p)).length);
  }
  if (s.sessions_months !== null) {
    // Only sessions that ended (they last hours, so any this old did); their SSO logout hints go with them (cascade).
    const sessions = `DELETE FROM sessions WHERE org_id = $1 AND id IN (
       SELECT id FROM sessions WHERE org_id = $1 AND created_at < ${before(s.sessions_months)} AND (expires_at < $2 OR revoked_at IS NOT NULL) LIMIT $3) RETURNING id`;
    // The link log is insert-only for the app role; this function prunes old entries of this organisation only (migration 0030).
    const partnerLog = `SELECT privacy_prune_partner_link_log($1::uuid, $2::timestamptz - make_interval(months => ${Math.trunc(s.sessions_months)}), $3) AS n`;
    run.sessions = await inBatches(ctx, orgId, async (tx) => (await tx.query(sessions, p)).length);
    run.sessions += await inBatches(ctx, orgId, async (tx) => (await tx.query<{ n: number }>(partnerLog, p))[0]!.n);
  }
  await ctx.db.tenant(orgId, (tx) => tx.query(`UPDATE privacy_settings SET last_run_at = $2, last_run = $3 WHERE org_id = $1`, [orgId, now, JSON.stringify(run)]));
  return run;
}
