import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import {
  CreateGoalSchema,
  CreateKpiSchema,
  GoalListSchema,
  GoalSchema,
  KpiListQuerySchema,
  KpiListSchema,
  KpiSchema,
  KpiValueListSchema,
  KpiValueSchema,
  RecordKpiValueSchema,
  ScorecardParamsSchema,
  ScorecardSchema,
  UpdateGoalSchema,
  UpdateKpiSchema,
} from '../../../contracts/dashboards.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { createGoal, deleteGoal, getGoal, listGoals, updateGoal } from './goals.service.ts';
import { listKpiValues, recordKpiValue } from './kpi-values.service.ts';
import { createKpi, deleteKpi, getKpi, listKpis, updateKpi } from './kpis.service.ts';
import { getScorecard } from './scorecards.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

/** The metric tree (KPIs and their recorded values), strategic goals and team scorecards. */
export function registerDashboardRoutes(app: HttpApp, ctx: AppContext): void {
  const kpis = { tags: ['metric tree'] };
  app.get('/api/v1/kpis', { schema: { ...kpis, description: 'KPIs the caller may see, with current value and attainment', querystring: KpiListQuerySchema, response: { 200: KpiListSchema, ...errors } } }, async (req) => ({
    items: await listKpis(ctx, actorOf(req), req.query),
  }));
  app.post('/api/v1/kpis', { schema: { ...kpis, body: CreateKpiSchema, response: { 201: KpiSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createKpi(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/kpis/:id', { schema: { ...kpis, params: IdParamsSchema, response: { 200: KpiSchema, ...errors } } }, (req) => getKpi(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/kpis/:id', { schema: { ...kpis, params: IdParamsSchema, body: UpdateKpiSchema, response: { 200: KpiSchema, ...errors } } }, (req) =>
    updateKpi(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/kpis/:id', { schema: { ...kpis, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteKpi(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get('/api/v1/kpis/:id/values', { schema: { ...kpis, params: IdParamsSchema, response: { 200: KpiValueListSchema, ...errors } } }, async (req) => ({
    items: await listKpiValues(ctx, actorOf(req), req.params.id),
  }));
  app.post(
    '/api/v1/kpis/:id/values',
    { schema: { ...kpis, description: 'record a value of a manual KPI', params: IdParamsSchema, body: RecordKpiValueSchema, response: { 201: KpiValueSchema, ...errors } } },
    async (req, reply) => reply.status(201).send(await recordKpiValue(ctx, actorOf(req), req.params.id, req.body)),
  );

  const goals = { tags: ['metric tree'] };
  app.get('/api/v1/goals', { schema: { ...goals, response: { 200: GoalListSchema, ...errors } } }, async (req) => ({ items: await listGoals(ctx, actorOf(req)) }));
  app.post('/api/v1/goals', { schema: { ...goals, body: CreateGoalSchema, response: { 201: GoalSchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createGoal(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/goals/:id', { schema: { ...goals, params: IdParamsSchema, response: { 200: GoalSchema, ...errors } } }, (req) => getGoal(ctx, actorOf(req), req.params.id));
  app.patch('/api/v1/goals/:id', { schema: { ...goals, params: IdParamsSchema, body: UpdateGoalSchema, response: { 200: GoalSchema, ...errors } } }, (req) =>
    updateGoal(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/goals/:id', { schema: { ...goals, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteGoal(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/scorecards/:unitId',
    { schema: { tags: ['metric tree'], description: 'team scorecard for appraisal: the unit’s KPIs weighted into a 0–100 score', params: ScorecardParamsSchema, response: { 200: ScorecardSchema, ...errors } } },
    (req) => getScorecard(ctx, actorOf(req), req.params.unitId),
  );
}
