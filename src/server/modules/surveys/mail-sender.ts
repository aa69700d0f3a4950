import nodemailer, { type Transporter } from 'nodemailer';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';

const SEND_EMAIL = 'surveys.send-email';
const BATCH = 50;
/** After this many failed attempts a message is marked failed (with its last error) for an admin to see. */
const MAX_ATTEMPTS = 5;

/** Registers the e-mail job when SMTP is configured; without it invitations and reminders wait in the outbox. */
export function registerMailSender(ctx: AppContext): void {
  const url = ctx.config.LODESTAR_SMTP_URL;
  if (!url) return;
  // Built once: nodemailer pools nothing by default, so a transport is cheap and holds no socket between runs.
  const transport = nodemailer.createTransport(url);
  ctx.jobs.register(SEND_EMAIL, async () => {
    await sendQueuedEmail(ctx, transport);
  });
}

export async function scheduleMailSender(ctx: AppContext): Promise<void> {
  if (ctx.config.LODESTAR_SMTP_URL) await ctx.jobs.every(SEND_EMAIL, MINUTE);
}

/**
 * Sends every queued e-mail that has an address, organisation by organisation,
 * in batches locked with SKIP LOCKED so two processes never send the same one.
 * Delivery is at least once: a crash between the SMTP server's acceptance and
 * the commit re-sends that batch's accepted messages on the next run.
 */
export async function sendQueuedEmail(ctx: AppContext, transport: Pick<Transporter, 'sendMail'>): Promise<{ sent: number; failed: number }> {
  const orgs = await ctx.db.system((tx) =>
    tx.query<{ org_id: string }>(`SELECT DISTINCT org_id FROM outbox_messages WHERE status = 'queued' AND channel = 'email' AND recipient IS NOT NULL`),
  );
  const totals = { sent: 0, failed: 0 };
  for (const { org_id: orgId } of orgs) {
    for (;;) {
      const batch = await ctx.db.tenant(orgId, (tx) => sendBatch(ctx, tx, transport));
      totals.sent += batch.sent;
      totals.failed += batch.failed;
      if (batch.claimed < BATCH || batch.sent === 0) break;
    }
  }
  return totals;
}

async function sendBatch(ctx: AppContext, tx: Tx, transport: Pick<Transporter, 'sendMail'>) {
  const rows = await tx.query<{ id: string; recipient: string; subject: string; body: string; attempts: number }>(
    `SELECT id::text, recipient, subject, body, attempts FROM outbox_messages
     WHERE org_id = $1 AND status = 'queued' AND channel = 'email' AND recipient IS NOT NULL
     ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [tx.orgId, BATCH],
  );
  let sent = 0;
  let failed = 0;
  for (const m of rows) {
    try {
      await transport.sendMail({ from: ctx.config.LODESTAR_SMTP_FROM, to: m.recipient, subject: m.subject, text: m.body });
      await tx.query(`UPDATE outbox_messages SET status = 'sent', sent_at = $3, attempts = attempts + 1, last_error = NULL WHERE org_id = $1 AND id = $2`, [
        tx.orgId,
        m.id,
        ctx.clock.now(),
      ]);
      sent++;
    } catch (err) {
      // The SMTP reply, never the URL (it may hold the password).
      const reason = (err as Error).message.slice(0, 500);
      const giveUp = m.attempts + 1 >= MAX_ATTEMPTS;
      await tx.query(`UPDATE outbox_messages SET attempts = attempts + 1, last_error = $3, status = $4 WHERE org_id = $1 AND id = $2`, [
        tx.orgId,
        m.id,
        reason,
        giveUp ? 'failed' : 'queued',
      ]);
      if (giveUp) failed++;
    }
  }
  return { claimed: rows.length, sent, failed };
}
