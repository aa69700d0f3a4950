import { ErrorSchema } from '../../../contracts/common.ts';
import {
  ActionPlanListSchema,
  ActionPlanParamsSchema,
  ActionPlanPulseSchema,
  ActionPlanSchema,
  AssessmentParamsSchema,
  CreateActionPlanSchema,
  UpdateActionPlanSchema,
} from '../../../contracts/culture.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { createActionPlan, createPlanChallenge, createPlanImprovement, createPlanPulse, listActionPlans, updateActionPlan } from './action-plans.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };

/** Action plans on an assessment's gaps (admins write; whoever may read the results reads them). */
export function registerActionPlanRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['culture'];
  app.get(
    '/api/v1/assessments/:id/action-plans',
    { schema: { tags, description: 'baseline: the organisation’s index when the plan was made; after: the pulse’s index once shown', params: AssessmentParamsSchema, response: { 200: ActionPlanListSchema, ...errors } } },
    (req) => listActionPlans(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/assessments/:id/action-plans',
    { schema: { tags, params: AssessmentParamsSchema, body: CreateActionPlanSchema, response: { 201: ActionPlanSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await createActionPlan(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.patch(
    '/api/v1/action-plans/:id',
    { schema: { tags, params: ActionPlanParamsSchema, body: UpdateActionPlanSchema, response: { 200: ActionPlanSchema, ...writeErrors } } },
    (req) => updateActionPlan(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/action-plans/:id/improvement',
    { schema: { tags, description: 'creates an improvement project from the plan and links it (409 already_linked)', params: ActionPlanParamsSchema, response: { 201: ActionPlanSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await createPlanImprovement(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/v1/action-plans/:id/challenge',
    { schema: { tags, description: 'creates an idea challenge on the plan’s theme, open until its due date (or 30 days), and links it (409 already_linked)', params: ActionPlanParamsSchema, response: { 201: ActionPlanSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await createPlanChallenge(ctx, actorOf(req), req.params.id)),
  );
  app.post(
    '/api/v1/action-plans/:id/pulse',
    {
      schema: {
        tags,
        description: 'creates and opens a pulse assessment re-measuring the plan’s (closed) assessment with its audience and thresholds (409 already_linked, assessment_not_closed)',
        params: ActionPlanParamsSchema,
        body: ActionPlanPulseSchema,
        response: { 201: ActionPlanSchema, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlanPulse(ctx, actorOf(req), req.params.id, req.body)),
  );
}
