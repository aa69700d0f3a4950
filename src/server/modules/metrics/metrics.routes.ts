import { ErrorSchema } from '../../../contracts/common.ts';
import { MetricParamsSchema, MetricQuerySchema, MetricResultSchema } from '../../../contracts/metrics.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { getMetric } from './metrics.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Metrics for dashboards and integrators, read from the rollups (score metrics) or indexed aggregates. */
export function registerMetricRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/v1/metrics/:metric',
    {
      schema: {
        tags: ['metrics'],
        description:
          'nps (−100..100, ci95 from the variance (p₊ + p₋ − (p₊ − p₋)²)/n), csat (mean 1–5, top2Box %), ces (mean 1–7, easyPct %), fcr, churn_rate, conversion_rate, response_rate (%, Wilson ci95), resolution_time (minutes), sentiment (−1..1), praise (count); within the caller’s data scope, with the change against the previous period of equal length',
        params: MetricParamsSchema,
        querystring: MetricQuerySchema,
        response: { 200: MetricResultSchema, ...errors },
      },
    },
    (req) => getMetric(ctx, actorOf(req), req.params.metric, req.query),
  );
}
