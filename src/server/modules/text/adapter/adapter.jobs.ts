/**
 * Nightly training of every organisation's adapter. An hourly system job
 * enqueues one job per organisation and local day, from 03:00 in the
 * organisation's time zone (the first hourly check after it; at once on a
 * server started later in the day); each runs apart, so one organisation's
 * failure is retried alone. The unique key per organisation and local date
 * makes the schedule idempotent, and training itself is deterministic.
 */
import { HOUR } from '../../../platform/clock.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/database.ts';
import { enqueueJob } from '../../../platform/jobs/index.ts';
import { ADAPTER_MIN_LABELLED } from '../../../../contracts/text-adapter.ts';
import { trainOrganisationAdapter } from './adapter.service.ts';

export const SCHEDULE_ADAPTER_TRAINING = 'text.schedule-adapter-training';
export const TRAIN_ADAPTER = 'text.train-adapter';
/** Local hour from which an organisation's nightly training is due. */
export const NIGHTLY_LOCAL_HOUR = 3;

/** A training asked for right after comments were written (the demo's seed) waits until they are analysed. */
interface TrainPayload {
  waitForAnalysis?: boolean;
  waits?: number;
}
const ANALYSIS_WAIT_MS = 15_000;
const MAX_ANALYSIS_WAITS = 40;

export function registerTextJobs(ctx: AppContext): void {
  ctx.jobs.register(SCHEDULE_ADAPTER_TRAINING, async () => void (await scheduleAdapterTraining(ctx)));
  ctx.jobs.register<TrainPayload>(TRAIN_ADAPTER, async (job, jobCtx) => {
    const orgId = job.orgId;
    if (!orgId) throw new Error(`${TRAIN_ADAPTER} needs an organisation`);
    const waits = job.payload.waits ?? 0;
    if (job.payload.waitForAnalysis && waits < MAX_ANALYSIS_WAITS) {
      const waiting = await jobCtx.tenant((tx) => commentsAwaitingAnalysis(tx, orgId));
      if (waiting > 0) {
        const runAt = new Date(ctx.clock.now().getTime() + ANALYSIS_WAIT_MS);
        await jobCtx.tenant((tx) => enqueueJob(tx, { name: TRAIN_ADAPTER, runAt, payload: { waitForAnalysis: true, waits: waits + 1 } }));
        return;
      }
    }
    await trainOrganisationAdapter(ctx, orgId, 'nightly');
  });
}

export function scheduleTextJobs(ctx: AppContext): Promise<void> {
  return ctx.jobs.every(SCHEDULE_ADAPTER_TRAINING, HOUR);
}

/**
 * Enqueues today's training for every organisation past NIGHTLY_LOCAL_HOUR
 * that has at least ADAPTER_MIN_LABELLED analysed comments (a bounded count:
 * it stops at the minimum); returns how many jobs were new.
 */
export async function scheduleAdapterTraining(ctx: AppContext): Promise<number> {
  return ctx.db.system(async (tx) => {
    const due = await tx.query<{ id: string; local_date: string }>(
      `SELECT o.id, to_char($1::timestamptz AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS local_date FROM organisations o
        WHERE extract(hour FROM $1::timestamptz AT TIME ZONE o.time_zone) >= $2
          AND (SELECT count(*) FROM (SELECT 1 FROM text_analyses a WHERE a.org_id = o.id LIMIT $3) enough) = $3
        ORDER BY o.id`,
      [ctx.clock.now(), NIGHTLY_LOCAL_HOUR, ADAPTER_MIN_LABELLED],
    );
    let enqueued = 0;
    for (const org of due) {
      const id = await enqueueJob(tx, { name: TRAIN_ADAPTER, orgId: org.id, uniqueKey: `${TRAIN_ADAPTER}:${org.id}:${org.local_date}` });
      if (id !== null) enqueued++;
    }
    return enqueued;
  });
}

/** Asks for a training of one organisation once its comments written so far are analysed (the demo seed). */
export function enqueueTrainingAfterAnalysis(tx: Tx, runAt: Date): Promise<number | null> {
  return enqueueJob(tx, { name: TRAIN_ADAPTER, runAt, payload: { waitForAnalysis: true } satisfies TrainPayload });
}

/** Responses with a comment that the text handler has not analysed yet. */
async function commentsAwaitingAnalysis(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM responses r
      WHERE r.org_id = $1 AND btrim(coalesce(r.comment, '')) <> ''
        AND NOT EXISTS (SELECT 1 FROM text_analyses a WHERE a.org_id = r.org_id AND a.response_id = r.id)`,
    [orgId],
  );
  return row!.n;
}
