import { z } from 'zod';
import { AlertRuleSchema } from '../../../contracts/cases.ts';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import {
  CreateJourneySchema,
  JourneyAlertTemplateSchema,
  JourneyMetricsSchema,
  JourneyPathsSchema,
  JourneyPeriodQuerySchema,
  JourneySchema,
  KnownTouchpointsSchema,
  UpdateJourneySchema,
} from '../../../contracts/journeys.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { createJourneyAlertRule } from './journey-alerts.service.ts';
import { getJourneyMetrics } from './journey-metrics.service.ts';
import { getJourneyPaths } from './journey-paths.service.ts';
import { createJourney, deleteJourney, getJourney, listJourneys, listKnownTouchpoints, updateJourney } from './journeys.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema, 422: ErrorSchema };

/** Customer journeys: definitions (admins write, everyone reads), their measures against targets, paths between stages, alert-rule templates. */
export function registerJourneyRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['journeys'];
  app.get('/api/v1/journeys', { schema: { tags, response: { 200: z.object({ items: z.array(JourneySchema) }), ...errors } } }, (req) => listJourneys(ctx, actorOf(req)));
  app.get(
    '/api/v1/journeys/touchpoints',
    { schema: { tags, description: 'touchpoints named by interactions or answers in the caller’s scope, with counts (the editor’s pick list)', response: { 200: KnownTouchpointsSchema, ...errors } } },
    (req) => listKnownTouchpoints(ctx, actorOf(req)),
  );
  app.post('/api/v1/journeys', { schema: { tags, body: CreateJourneySchema, response: { 201: JourneySchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createJourney(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/journeys/:id', { schema: { tags, params: IdParamsSchema, response: { 200: JourneySchema, ...errors } } }, (req) => getJourney(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/journeys/:id', { schema: { tags, params: IdParamsSchema, body: UpdateJourneySchema, response: { 200: JourneySchema, ...writeErrors } } }, (req) =>
    updateJourney(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/journeys/:id', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...writeErrors } } }, async (req, reply) => {
    await deleteJourney(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get(
    '/api/v1/journeys/:id/metrics',
    {
      schema: {
        tags,
        description:
          'per touchpoint: moments nps, sentiment, praise (count of praising comments; n = analysed comments); routine ces, resolution_time (minutes), repeat_contact_rate (% of interactions followed by the same customer at the same touchpoint within repeatContactDays); each {value, n, target, status}, value withheld under minN; per stage the pooled NPS and sentiment (emotion curve). Default period: the 90 days before `to` (default now)',
        params: IdParamsSchema,
        querystring: JourneyPeriodQuerySchema,
        response: { 200: JourneyMetricsSchema, ...errors },
      },
    },
    (req) => getJourneyMetrics(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/journeys/:id/paths',
    {
      schema: {
        tags,
        description: 'customers per stage, stage-to-stage transitions and drop-off from interactions in the period: only forward steps count (repeats and moves back are ignored), so the flow is acyclic',
        params: IdParamsSchema,
        querystring: JourneyPeriodQuerySchema,
        response: { 200: JourneyPathsSchema, ...errors },
      },
    },
    (req) => getJourneyPaths(ctx, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/api/v1/journeys/:id/alert-rules',
    { schema: { tags, description: 'creates a ready alert rule for the journey’s moments (NPS ≤ 6 → high-priority case) or routine touchpoints (CES ≤ 3 → medium)', params: IdParamsSchema, body: JourneyAlertTemplateSchema, response: { 201: AlertRuleSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await createJourneyAlertRule(ctx, actorOf(req), req.params.id, req.body)),
  );
}
