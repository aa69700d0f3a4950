import querystring from 'node:querystring';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorSchema } from '../../../contracts/common.ts';
import {
  AddTemplateItemSchema,
  AssessmentListSchema,
  AssessmentParamsSchema,
  AssessmentSchema,
  AssessmentTemplateListSchema,
  AssessmentTemplateSchema,
  CopyTemplateSchema,
  CreateAssessmentSchema,
  InvitationLinkSchema,
  InvitationParamsSchema,
  OpenAssessmentResultSchema,
  PublicAssessmentSchema,
  RemindResultSchema,
  SubmitAnswersResultSchema,
  SubmitAnswersSchema,
  TemplateKeyParamsSchema,
  TokenParamsSchema,
  UpdateAssessmentSchema,
} from '../../../contracts/culture.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { PROBLEMS, submitAnswers, viewInvitation } from './answers.service.ts';
import { closeAssessment, createAssessment, getAssessment, listAssessments, openAssessment, updateAssessment } from './assessments.service.ts';
import { invitationsCsv, issueInvitationLink, remindInvitees } from './invitations.service.ts';
import { showAnswerPage, showThanksPage, submitAnswerPage } from './public-page.ts';
import { addTemplateItem, copyTemplate, listTemplates } from './templates.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/**
 * Per address and link, never per address alone: a whole office answers from behind one address.
 * Enough for a person clicking through the sections, too few for a script.
 */
const perLink = (max: number) => ({ max, timeWindow: 60_000, keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.params as { token?: unknown }).token ?? '')}` });
const PUBLIC_LIMIT = perLink(20);
/** The whole assessment with long comments fits comfortably. */
const FORM_BODY_LIMIT = 128 * 1024;

/** Culture assessment lifecycle: templates, assessments, invitations, and answering by one-time link. */
export function registerLifecycleRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['culture'];
  app.get('/api/v1/assessment-templates', { schema: { tags, response: { 200: AssessmentTemplateListSchema, ...errors } } }, (req) => listTemplates(ctx, actorOf(req)));
  app.post(
    '/api/v1/assessment-templates/:key/copy',
    { schema: { tags, description: 'copies a template (latest version) as the organisation’s own, version 1; 409 template_exists', params: TemplateKeyParamsSchema, body: CopyTemplateSchema, response: { 201: AssessmentTemplateSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await copyTemplate(ctx, actorOf(req), req.params.key, req.body)),
  );
  app.post(
    '/api/v1/assessment-templates/:key/items',
    { schema: { tags, description: 'adds an item to a section of an own template: a new version (409 built_in_template, item_exists)', params: TemplateKeyParamsSchema, body: AddTemplateItemSchema, response: { 201: AssessmentTemplateSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await addTemplateItem(ctx, actorOf(req), req.params.key, req.body)),
  );

  app.get('/api/v1/assessments', { schema: { tags, response: { 200: AssessmentListSchema, ...errors } } }, (req) => listAssessments(ctx, actorOf(req)));
  app.post('/api/v1/assessments', { schema: { tags, body: CreateAssessmentSchema, response: { 201: AssessmentSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await createAssessment(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/assessments/:id', { schema: { tags, params: AssessmentParamsSchema, response: { 200: AssessmentSchema, ...errors } } }, (req) => getAssessment(ctx, actorOf(req), req.params.id));
  app.patch(
    '/api/v1/assessments/:id',
    { schema: { tags, description: 'thresholds and audience only while a draft (409 thresholds_fixed)', params: AssessmentParamsSchema, body: UpdateAssessmentSchema, response: { 200: AssessmentSchema, ...writeErrors } } },
    (req) => updateAssessment(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/assessments/:id/open',
    { schema: { tags, description: 'fixes the thresholds and invites every employee in the audience (one-time tokens)', params: AssessmentParamsSchema, response: { 200: OpenAssessmentResultSchema, ...writeErrors } } },
    (req) => openAssessment(ctx, actorOf(req), req.params.id),
  );
  app.post('/api/v1/assessments/:id/close', { schema: { tags, params: AssessmentParamsSchema, response: { 200: AssessmentSchema, ...writeErrors } } }, (req) =>
    closeAssessment(ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/assessments/:id/invitations/:employeeId/link',
    { schema: { tags, description: 'a fresh one-time link for the invitee (the earlier one stops working); 409 already_answered', params: InvitationParamsSchema, response: { 200: InvitationLinkSchema, ...writeErrors, 410: ErrorSchema } } },
    (req) => issueInvitationLink(ctx, actorOf(req), req.params.id, req.params.employeeId, origin(req)),
  );
  app.get(
    '/api/v1/assessments/:id/invitations.csv',
    { schema: { tags, description: 'fresh links for every unanswered invitee as CSV (earlier links stop working)', params: AssessmentParamsSchema, response: { 200: z.string(), ...writeErrors, 410: ErrorSchema } } },
    async (req, reply) => {
      const csv = await invitationsCsv(ctx, actorOf(req), req.params.id, origin(req));
      return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', 'attachment; filename="invitations.csv"').send(csv);
    },
  );
  app.post(
    '/api/v1/assessments/:id/remind',
    { schema: { tags, description: 'e-mails every unanswered invitee a fresh link; 409 email_not_configured without SMTP', params: AssessmentParamsSchema, response: { 200: RemindResultSchema, ...writeErrors, 410: ErrorSchema } } },
    (req) => remindInvitees(ctx, actorOf(req), req.params.id),
  );

  const publicErrors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 410: ErrorSchema, 429: ErrorSchema };
  app.get(
    '/api/v1/public/assessments/:token',
    { config: { auth: false, rateLimit: PUBLIC_LIMIT }, schema: { tags, description: 'what the answer page shows, for other clients', params: TokenParamsSchema, response: { 200: PublicAssessmentSchema, ...publicErrors } } },
    async (req) => {
      const view = await viewInvitation(ctx, req.params.token);
      if (typeof view === 'string') throw new AppError(PROBLEMS[view].status, PROBLEMS[view].code, PROBLEMS[view].message);
      const a = view.assessment;
      return { name: a.name, minGroupSize: a.min_group_size, minCommentGroupSize: a.min_comment_group_size, closesAt: a.closes_at.toISOString(), sections: a.template };
    },
  );
  app.post(
    '/api/v1/public/assessments/:token',
    {
      config: { auth: false, rateLimit: PUBLIC_LIMIT },
      schema: { tags, description: 'answers once per token (409 already_answered); stored with unit, level and tenure band only', params: TokenParamsSchema, body: SubmitAnswersSchema, response: { 201: SubmitAnswersResultSchema, ...publicErrors } },
    },
    async (req, reply) => reply.status(201).send(await submitAnswers(ctx, req.params.token, req.body.answers)),
  );

  // The HTML page and its form posts; the form parser lives in this scope only, so the API stays JSON.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_req, body, done) =>
      done(null, querystring.parse(body as string)),
    );
    const page = { config: { auth: false as const, rateLimit: perLink(60) }, schema: { hide: true } };
    scope.get('/a/:token', page, (req, reply) => showAnswerPage(ctx, req, reply));
    scope.post('/a/:token', { config: { auth: false as const, rateLimit: perLink(40) }, schema: { hide: true } }, (req, reply) => submitAnswerPage(ctx, req, reply));
    scope.get('/a/:token/thanks', page, (req, reply) => showThanksPage(ctx, req, reply));
  });
}
