import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { smtpSenderOf, type MailSender } from '../../platform/mail/smtp.ts';
import { sendQueuedMessages } from './outbox-delivery.ts';

const SEND_EMAIL = 'surveys.send-email';

/** Registers the e-mail job when SMTP is configured; without it invitations and reminders wait in the outbox. */
export function registerMailSender(ctx: AppContext): void {
  const sender = smtpSenderOf(ctx.config);
  if (!sender) return;
  ctx.jobs.register(SEND_EMAIL, async () => {
    await sendQueuedEmail(ctx, sender);
  });
}

export async function scheduleMailSender(ctx: AppContext): Promise<void> {
  if (ctx.config.LODESTAR_SMTP_URL) await ctx.jobs.every(SEND_EMAIL, MINUTE);
}

/** Sends every queued e-mail that has an address through SMTP (batching, attempts and errors: outbox-delivery.ts). */
export function sendQueuedEmail(ctx: AppContext, sender: MailSender): Promise<{ sent: number; failed: number }> {
  // A failure stores the SMTP reply, never the URL (it may hold the password).
  return sendQueuedMessages(ctx, 'email', async (m) => {
    await sender.send({ to: m.recipient, subject: m.subject ?? '', text: m.body });
  });
}
