/**
 * Delivery of queued messages (`outbox_messages`), whatever carries them:
 * organisation by organisation, in batches locked with SKIP LOCKED so two
 * processes never send the same message. At least once: a crash between the
 * carrier's acceptance and the commit re-sends that batch on the next run.
 * After MAX_ATTEMPTS failures a message is marked failed, its last error kept
 * for an admin to read on the Distribution page.
 */
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';

const BATCH = 50;
const MAX_ATTEMPTS = 5;

export interface QueuedMessage {
  id: string;
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number;
}

/** Sends one message or throws; the error's message is stored, so it must never carry a credential. */
export type SendMessage = (m: QueuedMessage) => Promise<void>;

export async function sendQueuedMessages(ctx: AppContext, channel: 'email' | 'sms', send: SendMessage): Promise<{ sent: number; failed: number }> {
  const orgs = await ctx.db.system((tx) =>
    tx.query<{ org_id: string }>(`SELECT DISTINCT org_id FROM outbox_messages WHERE status = 'queued' AND channel = $1 AND recipient IS NOT NULL`, [channel]),
  );
  const totals = { sent: 0, failed: 0 };
  for (const { org_id: orgId } of orgs) {
    for (;;) {
      const batch = await ctx.db.tenant(orgId, (tx) => sendBatch(ctx, tx, channel, send));
      totals.sent += batch.sent;
      totals.failed += batch.failed;
      if (batch.claimed < BATCH || batch.sent === 0) break;
    }
  }
  return totals;
}

async function sendBatch(ctx: AppContext, tx: Tx, channel: 'email' | 'sms', send: SendMessage) {
  const rows = await tx.query<QueuedMessage>(
    `SELECT id::text, recipient, subject, body, attempts FROM outbox_messages
     WHERE org_id = $1 AND status = 'queued' AND channel = $2 AND recipient IS NOT NULL
     ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [tx.orgId, channel, BATCH],
  );
  let sent = 0;
  let failed = 0;
  for (const m of rows) {
    try {
      await send(m);
      await tx.query(`UPDATE outbox_messages SET status = 'sent', sent_at = $3, attempts = attempts + 1, last_error = NULL WHERE org_id = $1 AND id = $2`, [
        tx.orgId,
        m.id,
        ctx.clock.now(),
      ]);
      sent++;
    } catch (err) {
      const giveUp = m.attempts + 1 >= MAX_ATTEMPTS;
      await tx.query(`UPDATE outbox_messages SET attempts = attempts + 1, last_error = $3, status = $4 WHERE org_id = $1 AND id = $2`, [
        tx.orgId,
        m.id,
        (err as Error).message.slice(0, 500),
        giveUp ? 'failed' : 'queued',
      ]);
      if (giveUp) failed++;
    }
  }
  return { claimed: rows.length, sent, failed };
}
