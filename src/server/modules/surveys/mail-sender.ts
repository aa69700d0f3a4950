import nodemailer, { type Transporter } from 'nodemailer';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { sendQueuedMessages } from './outbox-delivery.ts';

const SEND_EMAIL = 'surveys.send-email';

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

/** Sends every queued e-mail that has an address through SMTP (batching, attempts and errors: outbox-delivery.ts). */
export function sendQueuedEmail(ctx: AppContext, transport: Pick<Transporter, 'sendMail'>): Promise<{ sent: number; failed: number }> {
  // A failure stores the SMTP reply, never the URL (it may hold the password).
  return sendQueuedMessages(ctx, 'email', async (m) => {
    await transport.sendMail({ from: ctx.config.LODESTAR_SMTP_FROM, to: m.recipient, subject: m.subject ?? '', text: m.body });
  });
}
