import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import { sendQueuedMessages } from './outbox-delivery.ts';
import { createHttpSmsGateway, type SmsSender } from './sms-gateway.ts';

const SEND_SMS = 'surveys.send-sms';

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

/** Sends every queued SMS that has a number through the gateway (the e-mail sender's discipline: outbox-delivery.ts). */
export function sendQueuedSms(ctx: AppContext, sender: SmsSender): Promise<{ sent: number; failed: number }> {
  return sendQueuedMessages(ctx, 'sms', (m) => sender.send(m.recipient, m.body));
}
