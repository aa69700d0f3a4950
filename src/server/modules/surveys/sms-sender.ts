import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { createHttpSmsGateway, type SmsSender } from './sms-gateway.ts';

const SEND_SMS = 'surveys.send-sms';
const BATCH = 50;
/** After this many failed attempts a message is marked failed (with its last error) for an admin to see, as e-mail is. */
const MAX_ATTEMPTS = 5;

/** Registers the SMS job when a gateway is configured; without one SMS invitations and reminders wait in the outbox. */
export function registerSmsSender(ctx: AppContext): void {
  if (!ctx.config.LODESTAR_SMS_GATEWAY_URL) return;
  const gateway = createHttpSmsGateway(ctx.config);
  ctx.jobs.register(SEND_SMS, async () => {
    await sendQueuedSms(ctx, gateway);
  });
}

export async function scheduleSmsSender(ctx: AppContext): Promise<void> {
  if (ctx.config.LODESTAR_SMS_GATEWAY_URL) await ctx.jobs.every(SEND_SMS, MINUTE);
}

/**
 * Sends every queued SMS that has a number, organisation by organisation, in
 * batches locked with SKIP LOCKED so two processes never send the same one
 * (the e-mail sender's discipline). At least once: a crash between the
 * gateway's acceptance and the commit re-sends that batch's messages.
 */
export async function sendQueuedSms(ctx: AppContext, sender: SmsSender): Promise<{ sent: number; failed: number }> {
  const orgs = await ctx.db.system((tx) =>
    tx.query<{ org_id: string }>(`SELECT DISTINCT org_id FROM outbox_messages WHERE status = 'queued' AND channel = 'sms' AND recipient IS NOT NULL`),
  );
  const totals = { sent: 0, failed: 0 };
  for (const { org_id: orgId } of orgs) {
    for (;;) {
      const batch = await ctx.db.tenant(orgId, (tx) => sendBatch(ctx, tx, sender));
      totals.sent += batch.sent;
      totals.failed += batch.failed;
      if (batch.claimed < BATCH || batch.sent === 0) break;
    }
  }
  return totals;
}

async function sendBatch(ctx: AppContext, tx: Tx, sender: SmsSender) {
  const rows = await tx.query<{ id: string; recipient: string; body: string; attempts: number }>(
    `SELECT id::text, recipient, body, attempts FROM outbox_messages
     WHERE org_id = $1 AND status = 'queued' AND channel = 'sms' AND recipient IS NOT NULL
     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [tx.orgId, BATCH],
  );
  let sent = 0;
  let failed = 0;
  for (const m of rows) {
    try {
      await sender.send(m.recipient, m.body);
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
