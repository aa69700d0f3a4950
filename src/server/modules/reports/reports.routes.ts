import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import { CreateReportSubscriptionsSchema, MonthlyReportQuerySchema, ReportSubscriptionListSchema } from '../../../contracts/reports.ts';
import { IdempotencyHeadersSchema } from '../../../contracts/responses.ts';
import type { AppContext } from '../../platform/context.ts';
import { CREATE_ONCE_DOC } from '../../platform/create-once.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { closePdfRenderer, pdfRendererOf, renderMonthlyReview } from './review.document.ts';
import { createReportSubscriptions, deleteReportSubscription, listReportSubscriptions } from './subscriptions.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** The monthly experience review (HTML or PDF) and its e-mail subscriptions. */
export function registerReportRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['reports'];
  pdfRendererOf(ctx, app.log);
  app.addHook('onClose', () => closePdfRenderer(ctx));

  app.get(
    '/api/v1/reports/monthly',
    {
      schema: {
        tags,
        description:
          'the monthly experience review for the caller’s data scope: headline metrics (equal to GET /metrics/:metric for the month) with change and significance, metric-tree targets, strategic goals, root causes, improvement projects, recognition, culture, executive listening, decisions due, mystery shopping and audits; text/html, or application/pdf (A4)',
        querystring: MonthlyReportQuerySchema,
        response: { 200: z.string().meta({ description: 'text/html or application/pdf' }), ...errors, 503: ErrorSchema },
      },
    },
    async (req, reply) => {
      const doc = await renderMonthlyReview(ctx, actorOf(req), req.query);
      const disposition = req.query.format === 'pdf' ? 'attachment' : 'inline';
      reply.type(doc.contentType).header('cache-control', 'no-store').header('content-disposition', `${disposition}; filename="${doc.filename}"`);
      // A PDF is bytes: Fastify sends a Buffer as it is, without the response schema's serialiser.
      return reply.send(doc.body as string);
    },
  );

  app.get('/api/v1/reports/monthly/subscriptions', { schema: { tags, response: { 200: ReportSubscriptionListSchema, ...errors } } }, (req) =>
    listReportSubscriptions(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/reports/monthly/subscriptions',
    {
      schema: {
        tags,
        description: `e-mails the review of the month before on the 1st, to each address rendered with that user’s own role and data scope (PDF attached, or HTML when PDF is unavailable). ${CREATE_ONCE_DOC}`,
        headers: IdempotencyHeadersSchema,
        body: CreateReportSubscriptionsSchema,
        response: { 201: ReportSubscriptionListSchema, 422: ErrorSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createReportSubscriptions(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );
  app.delete('/api/v1/reports/monthly/subscriptions/:id', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteReportSubscription(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
}
