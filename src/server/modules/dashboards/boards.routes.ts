import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import { BoardListSchema, BoardSchema, BoardTokenParamsSchema, CreateBoardSchema, CreatedBoardSchema, PublicBoardSchema, UpdateBoardSchema } from '../../../contracts/dashboards.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { createBoard, getPublicBoard, listBoards, revokeBoard, updateBoard } from './boards.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Per address: a few screens behind one office router refreshing every 30 s stay far below it. */
export const PUBLIC_BOARD_LIMIT = { max: 30, timeWindow: 60_000 };

/** Public boards: admins create and revoke them; a screen reads one by its token without logging in. */
export function registerBoardRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['boards'];
  app.get('/api/v1/boards', { schema: { tags, response: { 200: BoardListSchema, ...errors } } }, async (req) => ({ items: await listBoards(ctx, actorOf(req)) }));
  app.post(
    '/api/v1/boards',
    { schema: { tags, description: 'create a public board; the token (and its /board/<token> address) is shown once', body: CreateBoardSchema, response: { 201: CreatedBoardSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await createBoard(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/boards/:id',
    {
      schema: {
        tags,
        description: 'change a live board’s name, scope, period or metrics; the link stays the same (409 board_revoked once revoked)',
        params: IdParamsSchema,
        body: UpdateBoardSchema,
        response: { 200: BoardSchema, ...errors, 409: ErrorSchema },
      },
    },
    async (req) => updateBoard(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/boards/:id', { schema: { tags, description: 'revoke: the board’s link answers 404 from now on', params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await revokeBoard(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get(
    '/api/v1/public/boards/:token',
    {
      config: { auth: false, rateLimit: PUBLIC_BOARD_LIMIT },
      schema: {
        tags,
        description: 'a public board’s aggregates (no login): its metrics (default NPS, CSAT, CES) overall and per team, no personal data; 404 once revoked',
        params: BoardTokenParamsSchema,
        response: { 200: PublicBoardSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'no-store');
      return getPublicBoard(ctx, req.params.token);
    },
  );
}
