import { z } from 'zod';
import {
  AlertRuleSchema,
  ApprovalDecisionSchema,
  CaptureCaseSchema,
  ApprovalListQuerySchema,
  ApprovalSchema,
  CaseActionResultSchema,
  CaseActionSchema,
  CaseDetailSchema,
  CaseListQuerySchema,
  CaseSchema,
  CaseSettingsSchema,
  CompensationListQuerySchema,
  CompensationSchema,
  CreateAlertRuleSchema,
  ExemptionListQuerySchema,
  ExemptionSchema,
  NotificationSchema,
  RootCauseListSchema,
  UpdateAlertRuleSchema,
} from '../../../contracts/cases.ts';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, nonEmptyText, pageOf } from '../../../contracts/common.ts';
import { IdempotencyHeadersSchema } from '../../../contracts/responses.ts';
import type { AppContext } from '../../platform/context.ts';
import { CREATE_ONCE_DOC } from '../../platform/create-once.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { createAlertRule, deleteAlertRule, getAlertRule, listAlertRules, updateAlertRule } from './alert-rules.service.ts';
import { actOnCase } from './case-actions.service.ts';
import { captureCase } from './case-capture.service.ts';
import { readPhoto } from './case-photo.ts';
import { getCase, listCases } from './cases.service.ts';
import {
  decideApprovalById,
  listApprovals,
  listCompensations,
  listExemptions,
  listNotifications,
  markNotificationRead,
  reportExemptionById,
} from './inbox.service.ts';
import { getCaseSettings, listRootCauses, replaceRootCauses, updateCaseSettings } from './settings.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const actionErrors = { ...errors, 409: ErrorSchema, 422: ErrorSchema };

/** Alert rules, cases and their actions, approvals, compensations, exemptions, root causes, SLA settings, notifications. */
export function registerCaseRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['closed loop'];
  app.get('/api/v1/alert-rules', { schema: { tags, response: { 200: z.object({ items: z.array(AlertRuleSchema) }), ...errors } } }, (req) =>
    listAlertRules(ctx, actorOf(req)),
  );
  app.post('/api/v1/alert-rules', { schema: { tags, body: CreateAlertRuleSchema, response: { 201: AlertRuleSchema, ...actionErrors } } }, async (req, reply) =>
    reply.status(201).send(await createAlertRule(ctx, actorOf(req), req.body)),
  );
  app.get('/api/v1/alert-rules/:id', { schema: { tags, params: IdParamsSchema, response: { 200: AlertRuleSchema, ...errors } } }, (req) =>
    getAlertRule(ctx, actorOf(req), req.params.id),
  );
  app.patch('/api/v1/alert-rules/:id', { schema: { tags, params: IdParamsSchema, body: UpdateAlertRuleSchema, response: { 200: AlertRuleSchema, ...actionErrors } } }, (req) =>
    updateAlertRule(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/alert-rules/:id', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteAlertRule(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/cases',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, ...CaseListQuerySchema.shape }), response: { 200: pageOf(CaseSchema), ...errors } } },
    (req) => listCases(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags,
        description:
          'any employee opens a case for a customer they met (source "employee"): owned by them, or by `ownerId`, or unowned in `unitId`’s queue; ' +
          'same SLA and actions as an alert rule’s case; 413 photo_too_large, 422 unsupported_photo (JPEG, PNG or WebP only). ' +
          CREATE_ONCE_DOC,
        headers: IdempotencyHeadersSchema,
        body: CaptureCaseSchema,
        response: { 201: CaseDetailSchema, 413: ErrorSchema, ...actionErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await captureCase(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );
  app.get('/api/v1/cases/:id', { schema: { tags, params: IdParamsSchema, response: { 200: CaseDetailSchema, ...errors } } }, (req) =>
    getCase(ctx, actorOf(req), req.params.id),
  );
  app.get('/api/v1/cases/:id/photo', { schema: { tags, description: 'the captured case’s photo (image/jpeg, image/png or image/webp)', params: IdParamsSchema } }, async (req, reply) => {
    const photo = await readPhoto(ctx, actorOf(req), req.params.id);
    return reply.type(photo.contentType).header('cache-control', 'private, max-age=300').header('x-content-type-options', 'nosniff').send(photo.bytes);
  });
  app.post(
    '/api/v1/cases/:id/actions',
    {
      schema: {
        tags,
        description:
          'acknowledge, note (contact log), claim (409 already_owned when someone was faster), hand_over (to ownerId or to unitId’s queue, with a note), escalate, compensate (202 with approvalId above your authority; 403 authority_exceeded when nobody can approve), ' +
          'exempt (→ reportDueAt), exemption_report, resolve (sends the follow-up survey), close (needs rootCause), reopen, approve, reject. ' +
          'With an Idempotency-Key, a retry of the same request returns the first outcome without acting again (422 idempotency_conflict for another request)',
        params: IdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CaseActionSchema,
        response: { 200: CaseActionResultSchema, 202: CaseActionResultSchema, ...actionErrors },
      },
    },
    async (req, reply) => {
      const outcome = await actOnCase(ctx, actorOf(req), req.params.id, req.body, req.headers['idempotency-key']);
      return reply.status(outcome.httpStatus).send(outcome.result);
    },
  );

  app.get(
    '/api/v1/approvals',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, ...ApprovalListQuerySchema.shape }), response: { 200: pageOf(ApprovalSchema), ...errors } } },
    (req) => listApprovals(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/approvals/:id/decision',
    { schema: { tags, params: IdParamsSchema, body: ApprovalDecisionSchema, response: { 200: CaseActionResultSchema, ...actionErrors } } },
    async (req) => (await decideApprovalById(ctx, actorOf(req), req.params.id, req.body.decision, req.body.note)).result,
  );
  app.get(
    '/api/v1/compensations',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, ...CompensationListQuerySchema.shape }), response: { 200: pageOf(CompensationSchema), ...errors } } },
    (req) => listCompensations(ctx, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/exemptions',
    { schema: { tags, querystring: z.object({ ...ListQuerySchema.shape, ...ExemptionListQuerySchema.shape }), response: { 200: pageOf(ExemptionSchema), ...errors } } },
    (req) => listExemptions(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/exemptions/:id/report',
    { schema: { tags, params: IdParamsSchema, body: z.object({ report: nonEmptyText(5000) }), response: { 200: CaseActionResultSchema, ...actionErrors } } },
    async (req) => (await reportExemptionById(ctx, actorOf(req), req.params.id, req.body.report)).result,
  );

  app.get('/api/v1/root-causes', { schema: { tags, response: { 200: RootCauseListSchema, ...errors } } }, (req) => listRootCauses(ctx, actorOf(req)));
  app.put('/api/v1/root-causes', { schema: { tags, body: RootCauseListSchema, response: { 200: RootCauseListSchema, ...errors } } }, (req) =>
    replaceRootCauses(ctx, actorOf(req), req.body),
  );
  app.get('/api/v1/case-settings', { schema: { tags, response: { 200: CaseSettingsSchema, ...errors } } }, (req) => getCaseSettings(ctx, actorOf(req)));
  app.put('/api/v1/case-settings', { schema: { tags, body: CaseSettingsSchema, response: { 200: CaseSettingsSchema, ...errors } } }, (req) =>
    updateCaseSettings(ctx, actorOf(req), req.body),
  );

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        querystring: z.object({ ...ListQuerySchema.shape, unread: z.enum(['true', 'false']).optional() }),
        response: { 200: pageOf(NotificationSchema), ...errors },
      },
    },
    (req) => listNotifications(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/notifications/:id/read', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await markNotificationRead(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
}
