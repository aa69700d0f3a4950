import { z } from 'zod';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  CreateLinkSchema,
  CreateSurveySchema,
  CreateSurveyTriggerSchema,
  LinkSchema,
  MessageSchema,
  SurveyListQuerySchema,
  SurveySchema,
  SurveySettingsSchema,
  SurveyTriggerSchema,
  SurveyVersionDetailSchema,
  SurveyVersionParamsSchema,
  UpdateSurveySchema,
  UpdateSurveyTriggerSchema,
} from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { createLink, getSurveySettings, linkUrl, updateSurveySettings } from './links.service.ts';
import { registerQrRoutes } from './qr.ts';
import { listMessages } from './reminders.ts';
import { createSurvey, getSurvey, getSurveyVersionDetail, listSurveys, updateSurvey } from './surveys.service.ts';
import { createTrigger, deleteTrigger, listTriggers, setTriggerEnabled } from './triggers.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Surveys (versioned), their links and QR codes, distribution settings and the message outbox (the public page `/s/:token` is the responses module's). */
export function registerSurveyRoutes(app: HttpApp, ctx: AppContext): void {
  const surveys = { tags: ['surveys'] };
  app.get(
    '/api/v1/surveys',
    {
      schema: {
        ...surveys,
        querystring: z.object({ ...ListQuerySchema.shape, ...SurveyListQuerySchema.shape }),
        response: { 200: pageOf(SurveySchema), ...errors },
      },
    },
    (req) => listSurveys(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/surveys', { schema: { ...surveys, body: CreateSurveySchema, response: { 201: SurveySchema, ...errors } } }, async (req, reply) =>
    reply.status(201).send(await createSurvey(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/surveys/:id', { schema: { ...surveys, params: IdParamsSchema, response: { 200: SurveySchema, ...errors } } }, (req) =>
    getSurvey(ctx, actorOf(req), req.params.id),
  );
  app.patch(
    '/api/v1/surveys/:id',
    { schema: { ...surveys, params: IdParamsSchema, body: UpdateSurveySchema, response: { 200: SurveySchema, ...errors } } },
    (req) => updateSurvey(ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/surveys/:id/versions/:version',
    { schema: { ...surveys, params: SurveyVersionParamsSchema, response: { 200: SurveyVersionDetailSchema, ...errors } } },
    (req) => getSurveyVersionDetail(ctx, actorOf(req), req.params.id, req.params.version),
  );

  app.post(
    '/api/v1/surveys/:id/links',
    { schema: { ...surveys, params: IdParamsSchema, body: CreateLinkSchema, response: { 201: LinkSchema, 409: ErrorSchema, ...errors } } },
    async (req, reply) => {
      const link = await createLink(ctx, actorOf(req), req.params.id, req.body);
      const url = linkUrl(ctx, `${req.protocol}://${req.host}`, link.token);
      return reply.status(201).send({ token: link.token, url, personal: link.personal, expiresAt: link.expiresAt?.toISOString() ?? null });
    },
  );
  registerQrRoutes(app, ctx);

  app.get('/api/v1/survey-settings', { schema: { ...surveys, response: { 200: SurveySettingsSchema, ...errors } } }, (req) =>
    getSurveySettings(ctx, actorOf(req)),
  );
  app.put(
    '/api/v1/survey-settings',
    { schema: { ...surveys, body: SurveySettingsSchema, response: { 200: SurveySettingsSchema, ...errors } } },
    (req) => updateSurveySettings(ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/v1/messages',
    { schema: { ...surveys, querystring: ListQuerySchema, response: { 200: pageOf(MessageSchema), ...errors } } },
    (req) => listMessages(ctx, actorOf(req), req.query),
  );

  registerTriggerRoutes(app, ctx);
}

function registerTriggerRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['surveys'];
  app.get('/api/v1/survey-triggers', { schema: { tags, response: { 200: z.object({ items: z.array(SurveyTriggerSchema) }), ...errors } } }, async (req) => ({
    items: await listTriggers(ctx, actorOf(req)),
  }));
  app.post(
    '/api/v1/survey-triggers',
    {
      schema: {
        tags,
        description: 'each recorded interaction that matches gets a personal link for its customer and a queued invitation, under the contact-fatigue rule',
        body: CreateSurveyTriggerSchema,
        response: { 201: SurveyTriggerSchema, ...errors, 409: ErrorSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createTrigger(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/survey-triggers/:id',
    { schema: { tags, params: IdParamsSchema, body: UpdateSurveyTriggerSchema, response: { 200: SurveyTriggerSchema, ...errors } } },
    (req) => setTriggerEnabled(ctx, actorOf(req), req.params.id, req.body.enabled),
  );
  app.delete(
    '/api/v1/survey-triggers/:id',
    { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await deleteTrigger(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
