import { z } from 'zod';
import { ErrorSchema, IdParamsSchema } from '../../../contracts/common.ts';
import {
  CreateImprovementProjectSchema,
  ImprovementListQuerySchema,
  ImprovementProjectDetailSchema,
  ImprovementProjectSchema,
  ImprovementSuggestionSchema,
  LinkCasesSchema,
  UpdateImprovementProjectSchema,
} from '../../../contracts/improvements.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import {
  createImprovementProject,
  getImprovementProject,
  linkImprovementCases,
  listImprovementProjects,
  suggestImprovementProjects,
  updateImprovementProject,
} from './improvements.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };

/** Improvement projects (outer loop): list, suggestions, create, detail with effect, update status, link cases. */
export function registerImprovementRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['closed loop'];
  app.get('/api/v1/improvement-projects', { schema: { tags, querystring: ImprovementListQuerySchema, response: { 200: z.object({ items: z.array(ImprovementProjectSchema) }), ...errors } } }, (req) =>
    listImprovementProjects(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/improvement-projects/suggestions',
    { schema: { tags, description: 'root causes with at least 3 closed cases in the last 90 days that no project holds yet', response: { 200: z.object({ items: z.array(ImprovementSuggestionSchema) }), ...errors } } },
    (req) => suggestImprovementProjects(ctx, actorOf(req)),
  );
  app.post('/api/v1/improvement-projects', { schema: { tags, body: CreateImprovementProjectSchema, response: { 201: ImprovementProjectDetailSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createImprovementProject(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/improvement-projects/:id', { schema: { tags, params: IdParamsSchema, response: { 200: ImprovementProjectDetailSchema, ...errors } } }, (req) =>
    getImprovementProject(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/improvement-projects/:id',
    { schema: { tags, params: IdParamsSchema, body: UpdateImprovementProjectSchema, response: { 200: ImprovementProjectDetailSchema, ...writeErrors } } },
    (req) => updateImprovementProject(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/improvement-projects/:id/cases',
    { schema: { tags, params: IdParamsSchema, body: LinkCasesSchema, response: { 200: ImprovementProjectDetailSchema, ...writeErrors } } },
    (req) => linkImprovementCases(ctx, actorOf(req), req.params.id, req.body.caseIds),
  );
}
