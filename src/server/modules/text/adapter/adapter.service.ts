/**
 * Training an organisation's sentiment adapter and reporting on it. The
 * comments are read in one tenant transaction, the fit runs outside any
 * transaction (it is CPU work of up to a second or two, and yields to the
 * event loop as it goes), and the result is written in a second one, so no
 * lock or connection is held while it computes.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ADAPTER_MIN_LABELLED, type TextAdapterStatus } from '../../../../contracts/text-adapter.ts';
import type { Actor } from '../../../platform/actor.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/authz.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';
import { rememberAdapter } from './adapter.cache.ts';
import { countLabels, readLabelledComments, splitLabelled } from './adapter.data.ts';
import { encodeAdapter, sharedModelFingerprint } from './adapter.model.ts';
import { beatsShared, compareOnHeldOut, trainAdapter, type HeldOutFigures } from './adapter.train.ts';

export type TrainedBy = 'nightly' | 'admin';

/** What one training did: nothing (too few labelled comments), or a stored adapter and whether it is used. */
export type TrainingOutcome = { trained: false; labelled: number } | { trained: true; labelled: number; isActive: boolean; figures: HeldOutFigures };

/**
 * Trains the organisation's adapter on its labelled comments, judges it on the
 * held-out ones and stores it (active only when it beats the shared model).
 * Deterministic for the same comments, so running it twice changes nothing
 * but the time; with fewer than ADAPTER_MIN_LABELLED labelled comments it
 * stores nothing.
 */
export async function trainOrganisationAdapter(ctx: AppContext, orgId: string, trainedBy: TrainedBy, actor: Actor | null = null): Promise<TrainingOutcome> {
  const { counts, rows } = await ctx.db.tenant(orgId, async (tx) => {
    const counts = await countLabels(tx, orgId);
    return { counts, rows: counts.labelled >= ADAPTER_MIN_LABELLED ? await readLabelledComments(tx, orgId) : [] };
  });
  if (counts.labelled < ADAPTER_MIN_LABELLED) return { trained: false, labelled: counts.labelled };

  const { train, heldOut } = splitLabelled(rows);
  const adapter = await trainAdapter(train, { onIteration: (i) => (i % 10 === 0 ? yieldToEventLoop() : undefined) });
  const figures = compareOnHeldOut(adapter, heldOut);
  const isActive = beatsShared(figures);
  const stored = encodeAdapter(adapter);
  await ctx.db.tenant(orgId, async (tx) => {
    await tx.query(
      `INSERT INTO text_adapters (org_id, a, b, feature_bits, indices, weights, shared_fingerprint, is_active, labelled, corrections, train_n,
          heldout_n, shared_accuracy, adapter_accuracy, shared_by_sign, adapter_by_sign, adapter_only_right, shared_only_right, trained_by, trained_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (org_id) DO UPDATE SET a = excluded.a, b = excluded.b, feature_bits = excluded.feature_bits, indices = excluded.indices,
         weights = excluded.weights, shared_fingerprint = excluded.shared_fingerprint, is_active = excluded.is_active, labelled = excluded.labelled,
         corrections = excluded.corrections, train_n = excluded.train_n, heldout_n = excluded.heldout_n, shared_accuracy = excluded.shared_accuracy,
         adapter_accuracy = excluded.adapter_accuracy, shared_by_sign = excluded.shared_by_sign, adapter_by_sign = excluded.adapter_by_sign,
         adapter_only_right = excluded.adapter_only_right, shared_only_right = excluded.shared_only_right, trained_by = excluded.trained_by,
         trained_at = excluded.trained_at`,
      [
        orgId, stored.a, stored.b, stored.featureBits, stored.indices, stored.weights, sharedModelFingerprint(), isActive, counts.labelled,
        counts.corrections, train.length, figures.n, figures.sharedAccuracy, figures.adapterAccuracy, figures.sharedBySign, figures.adapterBySign,
        figures.adapterOnlyRight, figures.sharedOnlyRight, trainedBy, ctx.clock.now(),
      ],
    );
    if (actor) {
      await recordAudit(tx, ctx.clock, actor, {
        action: 'text.adapter.trained',
        entityType: 'text_adapter',
        entityId: null,
        after: { isActive, trainN: train.length, heldOut: figures },
      });
    }
    tx.afterCommit(() => rememberAdapter(ctx.db, orgId, isActive ? adapter : null));
  });
  return { trained: true, labelled: counts.labelled, isActive, figures };
}

interface AdapterRow {
  is_active: boolean;
  shared_fingerprint: string;
  train_n: number;
  heldout_n: number;
  shared_accuracy: number;
  adapter_accuracy: number;
  shared_by_sign: number;
  adapter_by_sign: number;
  adapter_only_right: number;
  shared_only_right: number;
  trained_by: 'nightly' | 'admin';
  trained_at: Date;
}

/** The organisation's adapter status as the settings page shows it. */
export async function adapterStatusOf(tx: Queryable, orgId: string): Promise<TextAdapterStatus> {
  const counts = await countLabels(tx, orgId);
  const [row] = await tx.query<AdapterRow>(
    `SELECT is_active, shared_fingerprint, train_n, heldout_n, shared_accuracy, adapter_accuracy, shared_by_sign, adapter_by_sign,
            adapter_only_right, shared_only_right, trained_by, trained_at
       FROM text_adapters WHERE org_id = $1`,
    [orgId],
  );
  const base = { labelled: counts.labelled, needed: ADAPTER_MIN_LABELLED, corrections: counts.corrections };
  if (!row) return { ...base, status: 'collecting', reason: null, trainedAt: null, trainedBy: null, trainN: null, heldOut: null };
  const isCurrent = row.shared_fingerprint === sharedModelFingerprint();
  const num = (x: number) => Math.round(Number(x) * 10000) / 10000;
  return {
    ...base,
    status: row.is_active && isCurrent ? 'active' : 'trained_inactive',
    reason: !isCurrent ? 'shared_model_changed' : row.is_active ? null : 'not_better',
    trainedAt: new Date(row.trained_at).toISOString(),
    trainedBy: row.trained_by,
    trainN: row.train_n,
    heldOut: {
      n: row.heldout_n,
      sharedAccuracy: num(row.shared_accuracy),
      adapterAccuracy: num(row.adapter_accuracy),
      sharedBySign: num(row.shared_by_sign),
      adapterBySign: num(row.adapter_by_sign),
      adapterOnlyRight: row.adapter_only_right,
      sharedOnlyRight: row.shared_only_right,
    },
  };
}

/** `GET /text/adapter`. */
export function getAdapterStatus(ctx: AppContext, actor: Actor): Promise<TextAdapterStatus> {
  authorize(actor, 'text.adapter');
  return ctx.db.tenant(actor.orgId, (tx) => adapterStatusOf(tx, actor.orgId));
}

/** `POST /text/adapter/train`: trains now; 409 not_enough_labels below the minimum. */
export async function trainAdapterNow(ctx: AppContext, actor: Actor): Promise<TextAdapterStatus> {
  authorize(actor, 'text.adapter');
  const outcome = await trainOrganisationAdapter(ctx, actor.orgId, 'admin', actor);
  if (!outcome.trained) {
    throw new AppError(409, 'not_enough_labels', `the adapter needs ${ADAPTER_MIN_LABELLED} labelled comments; this organisation has ${outcome.labelled}`, {
      labelled: outcome.labelled,
      needed: ADAPTER_MIN_LABELLED,
    });
  }
  return getAdapterStatus(ctx, actor);
}
