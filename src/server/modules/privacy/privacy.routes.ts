import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import { CustomerExportSchema, ErasureResultSchema, PreviewSchema, PrivacyHistorySchema, RetentionInputSchema, RetentionSchema } from '../../../contracts/privacy.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { eraseCustomer } from './erasure.service.ts';
import { exportCustomer, previewCustomer } from './export.service.ts';
import { listPrivacyHistory } from './history.service.ts';
import { getRetention, putRetention } from './retention.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Privacy (admins only): what is held about a customer, their export and erasure, retention limits, and the history of all three. */
export function registerPrivacyRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['privacy'];
  app.get(
    '/api/v1/privacy/customers/:id',
    { schema: { tags, description: 'the customer and how many rows of each kind name or describe them', params: IdParamsSchema, response: { 200: PreviewSchema, ...errors } } },
    (req) => previewCustomer(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/privacy/customers/:id/export',
    {
      schema: {
        tags,
        description: 'everything held about the customer, as stored; the audit log records who exported which customer id, not the content',
        params: IdParamsSchema,
        response: { 200: CustomerExportSchema, ...errors },
      },
    },
    (req) => exportCustomer(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/privacy/customers/:id/erasure',
    {
      schema: {
        tags,
        description:
          'erases the customer at once, in one transaction (202): the customer answers 404 from then on; their contact details and words leave every table and log; ' +
          'scores, interaction outcomes and case timings stay without naming them, so metrics do not change. Erasing an erased id again answers the first result with repeated: true',
        params: IdParamsSchema,
        response: { 202: ErasureResultSchema, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await eraseCustomer(ctx, actorOf(req), req.params.id)),
  );
  app.get('/api/v1/privacy/retention', { schema: { tags, response: { 200: RetentionSchema, ...errors } } }, (req) => getRetention(ctx, actorOf(req)));
  app.put(
    '/api/v1/privacy/retention',
    {
      schema: {
        tags,
        description: 'sets how long each kind of data is kept, enforced by a daily job; 400 retention_out_of_range outside 1–120 months',
        body: RetentionInputSchema,
        response: { 200: RetentionSchema, ...errors },
      },
    },
    (req) => putRetention(ctx, actorOf(req), req.body),
  );
  app.get('/api/v1/privacy/history', { schema: { tags, description: 'the latest exports, erasures and retention changes, from the audit log', response: { 200: PrivacyHistorySchema, ...errors } } }, (req) =>
    listPrivacyHistory(ctx, actorOf(req)),
  );
}
