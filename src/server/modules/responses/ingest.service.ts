import { randomUUID } from 'node:crypto';
import type { ResponseInput, Source } from '../../../contracts/responses.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { hashRequest } from '../../platform/idempotency.ts';
import { GroupCommitter, type GroupCommitStats } from '../../platform/db/group-commit.ts';
import { writtenHooksOf } from './ingest.hooks.ts';
import { applyIngestGroup, type IngestItem, type IngestResult } from './ingest.write.ts';

/** Most responses in one transaction: a full batch request of 1,000 items commits in two. */
const MAX_GROUP = 500;
/** Groups committing at once on PostgreSQL (of the pool's 10 connections); PGlite has one. */
const POSTGRES_IN_FLIGHT = 4;

const committers = new WeakMap<AppContext, GroupCommitter<IngestItem, IngestResult>>();

/**
 * The app's group committer for responses: concurrent submissions of one
 * organisation share a transaction, and each is answered after its commit.
 */
export function committerOf(ctx: AppContext): GroupCommitter<IngestItem, IngestResult> {
  let committer = committers.get(ctx);
  if (!committer) {
    const maxInFlight = ctx.db.kind === 'postgres' ? POSTGRES_IN_FLIGHT : 1;
    committer = new GroupCommitter(ctx.db, { apply: (tx, items) => applyIngestGroup(tx, items, writtenHooksOf(ctx)), maxBatch: MAX_GROUP, maxInFlight });
    committers.set(ctx, committer);
  }
  return committer;
}

/** Transactions and items the group committer handled so far, for benchmarks and metrics. */
export function ingestStats(ctx: AppContext): GroupCommitStats {
  return { ...committerOf(ctx).stats };
}

/**
 * `POST /api/v1/responses`: one response, durable when answered. With an
 * Idempotency-Key, a retry of the same request returns the first id
 * (`isNew` false, HTTP 200) and a different request with the key is refused (422).
 */
export function ingestResponse(ctx: AppContext, actor: Actor, input: ResponseInput, idempotencyKey?: string): Promise<IngestResult> {
  authorize(actor, 'response.write');
  const item = toIngestItem(ctx, input, 'api', idempotencyKey ? { key: idempotencyKey, hash: hashRequest(input) } : null);
  return committerOf(ctx).submit(actor.orgId, item);
}

/** An API-shaped response as an item for the group writer; `receivedAt` is now. */
export function toIngestItem(ctx: AppContext, input: ResponseInput, source: Source, idempotency: IngestItem['idempotency'], runRules = true): IngestItem {
  const receivedAt = ctx.clock.now();
  return {
    id: randomUUID(),
    surveyId: input.surveyId,
    answers: input.answers,
    customerId: input.customerId ?? null,
    interactionId: input.interactionId ?? null,
    employeeId: input.employeeId ?? null,
    unitId: input.unitId ?? null,
    partnerId: input.partnerId ?? null,
    touchpoint: input.touchpoint ?? null,
    channel: input.channel ?? null,
    lang: input.lang ?? null,
    // Milliseconds, like the cursor of the list that pages by this time.
    submittedAt: input.submittedAt ? new Date(new Date(input.submittedAt).getTime()) : receivedAt,
    receivedAt,
    source,
    flags: [],
    link: null,
    requiresOpenSurvey: false,
    idempotency,
    runRules,
  };
}
