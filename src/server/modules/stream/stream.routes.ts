import { z } from 'zod';
import { ErrorSchema } from '../../../contracts/common.ts';
import { MINUTE } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { dataScopeOf } from '../org/index.ts';
import { StreamHub } from './stream.hub.ts';

const HEARTBEAT_MS = 20_000;
/** A stream ends after this long and the browser reconnects (with Last-Event-ID): a revoked session or key stops there. */
const MAX_CONNECTION_MS = 10 * MINUTE;

const StreamQuerySchema = z.object({ lastEventId: z.string().regex(/^\d{1,18}$/).optional() });

/** `GET /api/v1/stream`: server-sent events for the caller, scoped to what they may see. */
export function registerStreamRoutes(app: HttpApp, ctx: AppContext): void {
  const hub = new StreamHub(ctx);
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of open) end();
    hub.close();
  });

  app.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['stream'],
        description:
          'text/event-stream of the events the caller may see (case.created, case.escalated, warning.raised, praise.received, points.awarded …). ' +
          'Each frame has an id; reconnecting with the Last-Event-ID header (or ?lastEventId=) replays what was missed (up to 500 events, one day back).',
        querystring: StreamQuerySchema,
        response: { 401: ErrorSchema, 403: ErrorSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const header = req.headers['last-event-id'];
      const lastEventId = typeof header === 'string' && /^\d{1,18}$/.test(header) ? Number(header) : req.query.lastEventId ? Number(req.query.lastEventId) : null;
      const scope = await ctx.db.tenant(actor.orgId, (tx) => dataScopeOf(tx, actor));

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // a proxy must not hold frames back
      });
      raw.write('retry: 3000\n\n');
      const send = (frame: string) => {
        if (!raw.writableEnded) raw.write(frame);
      };
      let disconnect: (() => void) | null = null;
      const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        clearTimeout(expiry);
        disconnect?.();
        open.delete(end);
        if (!raw.writableEnded) raw.end();
      };
      const expiry = setTimeout(end, MAX_CONNECTION_MS);
      open.add(end);
      req.raw.on('close', end);
      disconnect = await hub.connect({ viewer: { actor, scope }, send }, lastEventId);
      if (raw.writableEnded) disconnect();
    },
  );
}
