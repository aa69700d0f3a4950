import { ErrorSchema } from '../../../contracts/common.ts';
import { DriversResultSchema, InsightQuerySchema, MetricParamsSchema, MetricQuerySchema, MetricResultSchema, XoResultSchema } from '../../../contracts/metrics.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { getDrivers, getXo } from './insights.service.ts';
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
          'nps (−100..100, ci95 from the variance (p₊ + p₋ − (p₊ − p₋)²)/n), csat (mean 1–5, top2Box %), ces (mean 1–7, easyPct %), fcr, churn_rate, conversion_rate, response_rate (%, Wilson ci95), resolution_time (minutes), sentiment (−1..1), praise (count), audit_score (mean % of the mystery-shopping checklist’s maximum, by completion time; no employee or channel); within the caller’s data scope, with the change against the previous period of equal length',
        params: MetricParamsSchema,
        querystring: MetricQuerySchema,
        response: { 200: MetricResultSchema, ...errors },
      },
    },
    (req) => getMetric(ctx, actorOf(req), req.params.metric, req.query),
  );
  app.get(
    '/api/v1/insights/xo',
    {
      schema: {
        tags: ['metrics'],
        description: 'X×O: churn rate, conversion rate and mean spend of the interactions answered by promoters, passives and detractors, and whether detractors churn significantly more',
        querystring: InsightQuerySchema,
        response: { 200: XoResultSchema, ...errors },
      },
    },
    (req) => getXo(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/insights/drivers',
    {
      schema: {
        tags: ['metrics'],
        description: 'key drivers of NPS for one survey (surveyId required): OLS of the NPS answer on its other scores, touchpoints, channels and interaction outcomes, with p-values, importance and performance for a quadrant chart',
        querystring: InsightQuerySchema,
        response: { 200: DriversResultSchema, ...errors },
      },
    },
    (req) => getDrivers(ctx, actorOf(req), req.query),
  );
}
