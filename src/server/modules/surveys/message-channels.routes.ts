import { MessageChannelsSchema, type MessageChannels } from '../../../contracts/channels.ts';
import { ErrorSchema } from '../../../contracts/common.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';

/** Which outbox channels leave the building: the operator configures them, so admins can only see whether they are on. */
export function describeMessageChannels(ctx: AppContext, actor: Actor): MessageChannels {
  authorize(actor, 'message.read');
  const gateway = ctx.config.LODESTAR_SMS_GATEWAY_URL;
  return {
    email: { isConfigured: Boolean(ctx.config.LODESTAR_SMTP_URL) },
    // The host only: the path or query of a gateway URL may hold an account key.
    sms: { isConfigured: Boolean(gateway), gatewayHost: gateway ? new URL(gateway).host : null },
  };
}

/** GET /api/v1/message-channels for the Distribution page. */
export function registerMessageChannelRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/v1/message-channels',
    { schema: { tags: ['distribution'], description: 'whether queued e-mail and SMS are sent (SMTP, SMS gateway) or wait in the outbox', response: { 200: MessageChannelsSchema, 401: ErrorSchema, 403: ErrorSchema } } },
    async (req) => describeMessageChannels(ctx, actorOf(req)),
  );
}
