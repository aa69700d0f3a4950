import { ErrorSchema } from '../../../contracts/common.ts';
import {
  AssessmentParamsSchema,
  BenchmarksWithRangesSchema,
  CommentsSchema,
  HeatmapSchema,
  OverviewSchema,
  ResponseRatesSchema,
  ResultsQuerySchema,
  ResultsSchema,
  SegmentsSchema,
  UnitQuerySchema,
} from '../../../contracts/culture.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { registerActionPlanRoutes } from './action-plans.routes.ts';
import { getBenchmarks, getComments, getHeatmap, getOverview, getResponseRates, getResults, getSegments } from './results.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const WHO =
  'Admins any time (live while open); managers after closing, their own subtree (a unit outside it: 404); employees after closing, the organisation-wide figures only; partners 403. Every figure passes the anonymity engine: a hidden group looks exactly like an empty one.';

/** Results of culture assessments (every figure through one disclosure plan per assessment) and the action plans on them. */
export function registerResultsRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['culture'];
  const params = AssessmentParamsSchema;
  app.get(
    '/api/v1/assessments/:id/response-rates',
    { schema: { tags, description: `invited and answered per unit subtree (invitees hidden under minGroupSize; answered counts pass the disclosure plan). ${WHO}`, params, querystring: UnitQuerySchema, response: { 200: ResponseRatesSchema, ...errors } } },
    (req) => getResponseRates(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/assessments/:id/results',
    {
      schema: {
        tags,
        description: `the root group (the organisation, key "org", or unitId) first, then every unit of its subtree (groupBy=unit, parentKey = parent unit or "org") or its five levels (groupBy=level). Pillar index = mean of (x − 1)/4 × 100, favourable = % of 4–5, 95 % normal interval. ${WHO}`,
        params,
        querystring: ResultsQuerySchema,
        response: { 200: ResultsSchema, ...errors },
      },
    },
    (req) => getResults(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/assessments/:id/overview',
    { schema: { tags, description: `every figure of one group for the dashboard; items answered by fewer than minGroupSize are left out. ${WHO}`, params, querystring: UnitQuerySchema, response: { 200: OverviewSchema, ...errors } } },
    (req) => getOverview(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/assessments/:id/heatmap',
    { schema: { tags, description: `units × pillar indexes (employees: 403). ${WHO}`, params, querystring: UnitQuerySchema, response: { 200: HeatmapSchema, ...errors } } },
    (req) => getHeatmap(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/assessments/:id/benchmarks',
    { schema: { tags, description: `the organisation's % favourable beside the published study's figures (context, not targets; approximate ones flagged). ${WHO}`, params, response: { 200: BenchmarksWithRangesSchema, ...errors } } },
    (req) => getBenchmarks(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/assessments/:id/segments',
    { schema: { tags, description: `visionary-like units among the finest shown units: rules under 8 units, seeded k-means from 8 (employees: 403). ${WHO}`, params, querystring: UnitQuerySchema, response: { 200: SegmentsSchema, ...errors } } },
    (req) => getSegments(ctx, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/assessments/:id/comments',
    { schema: { tags, description: `redacted comments in a random order, none for a group under minCommentGroupSize (employees: 403). ${WHO}`, params, querystring: UnitQuerySchema, response: { 200: CommentsSchema, ...errors } } },
    (req) => getComments(ctx, actorOf(req), req.params.id, req.query),
  );
  registerActionPlanRoutes(app, ctx);
}
