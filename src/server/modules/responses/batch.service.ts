import { BatchItemSchema, type BatchResult } from '../../../contracts/responses.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { mapError } from '../../platform/http/error-handler.ts';
import { hashRequest } from '../../platform/idempotency.ts';
import { committerOf, toIngestItem } from './ingest.service.ts';
import type { IngestItem } from './ingest.write.ts';

/**
 * `POST /api/v1/responses/batch`: each item is checked and written on its own
 * terms (bad items are reported by index, good ones kept). An item's
 * `idempotencyKey`, or else the request's Idempotency-Key plus `#index`, makes
 * a retried batch count its items as duplicates instead of writing them twice.
 * `runRules` false (a history load) writes the answers without alert rules.
 */
export async function ingestBatch(ctx: AppContext, actor: Actor, items: unknown[], idempotencyKey?: string, runRules = true): Promise<BatchResult> {
  authorize(actor, 'response.write');
  const result: BatchResult = { created: 0, duplicates: 0, errors: [] };
  const queued: Array<{ index: number; item: IngestItem }> = [];
  items.forEach((raw, index) => {
    const parsed = BatchItemSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'item', message: i.message }));
      result.errors.push({ index, error: { code: 'invalid_request', message: 'the item has invalid fields', details: { issues } } });
      return;
    }
    const { idempotencyKey: own, ...input } = parsed.data;
    const key = own ?? (idempotencyKey ? `${idempotencyKey}#${index}` : undefined);
    queued.push({ index, item: toIngestItem(ctx, input, 'batch', key ? { key, hash: hashRequest(input) } : null, runRules) });
  });
  const outcomes = await committerOf(ctx).submitAll(
    actor.orgId,
    queued.map((q) => q.item),
  );
  outcomes.forEach((outcome, n) => {
    if (outcome.ok) {
      if (outcome.value.isNew) result.created++;
      else result.duplicates++;
      return;
    }
    const { code, message, details } = mapError(outcome.error);
    result.errors.push({ index: queued[n]!.index, error: { code, message, ...(details ? { details } : {}) } });
  });
  result.errors.sort((a, b) => a.index - b.index);
  return result;
}
