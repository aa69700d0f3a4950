import { z } from 'zod';
import { ErrorSchema, IdParamsSchema, ListQuerySchema, pageOf } from '../../../contracts/common.ts';
import {
  AddCommitteeMemberSchema,
  CommitteeMemberSchema,
  CreateDecisionSchema,
  CreateMeetingSchema,
  CustomerVoiceSchema,
  DecisionListQuerySchema,
  DecisionSchema,
  EmployeeParamsSchema,
  MeetingSchema,
  MeetingSummarySchema,
  UpdateCommitteeMemberSchema,
  UpdateDecisionSchema,
  UpdateMeetingSchema,
} from '../../../contracts/governance.ts';
import { IdempotencyHeadersSchema } from '../../../contracts/responses.ts';
import type { AppContext } from '../../platform/context.ts';
import { CREATE_ONCE_DOC } from '../../platform/create-once.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { addCommitteeMember, listCommitteeMembers, removeCommitteeMember, updateCommitteeMember } from './committee.service.ts';
import { customerVoiceFor } from './customer-voice.service.ts';
import { addDecision, createMeeting, deleteMeeting, getMeeting, listDecisions, listMeetings, updateDecision, updateMeeting } from './meetings.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const writeErrors = { ...errors, 409: ErrorSchema };

/** The experience committee: members, meetings with agenda, minutes and decisions, and the customer voice before each meeting. */
export function registerCommitteeRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['governance'];
  app.get('/api/v1/committee/members', { schema: { tags, response: { 200: z.object({ items: z.array(CommitteeMemberSchema) }), ...errors } } }, (req) =>
    listCommitteeMembers(ctx, actorOf(req)),
  );
  app.post('/api/v1/committee/members', { schema: { tags, body: AddCommitteeMemberSchema, response: { 201: CommitteeMemberSchema, ...writeErrors } } }, async (req, reply) =>
    reply.status(201).send(await addCommitteeMember(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/committee/members/:employeeId',
    { schema: { tags, params: EmployeeParamsSchema, body: UpdateCommitteeMemberSchema, response: { 200: CommitteeMemberSchema, ...writeErrors } } },
    (req) => updateCommitteeMember(ctx, actorOf(req), req.params.employeeId, req.body.role),
  );
  app.delete('/api/v1/committee/members/:employeeId', { schema: { tags, params: EmployeeParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await removeCommitteeMember(ctx, actorOf(req), req.params.employeeId);
    return reply.status(204).send(null);
  });

  app.get(
    '/api/v1/committee/meetings',
    { schema: { tags, description: 'latest first, a page at a time: `limit` (default 50, max 500) and `cursor` from `nextCursor`', querystring: ListQuerySchema, response: { 200: pageOf(MeetingSummarySchema), ...errors } } },
    (req) => listMeetings(ctx, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/committee/meetings',
    { schema: { tags, description: CREATE_ONCE_DOC, headers: IdempotencyHeadersSchema, body: CreateMeetingSchema, response: { 201: MeetingSchema, 422: ErrorSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await createMeeting(ctx, actorOf(req), req.body, req.headers['idempotency-key'])),
  );
  app.get('/api/v1/committee/meetings/:id', { schema: { tags, params: IdParamsSchema, response: { 200: MeetingSchema, ...errors } } }, (req) =>
    getMeeting(ctx, actorOf(req), req.params.id),
  );
  app.patch('/api/v1/committee/meetings/:id', { schema: { tags, params: IdParamsSchema, body: UpdateMeetingSchema, response: { 200: MeetingSchema, ...writeErrors } } }, (req) =>
    updateMeeting(ctx, actorOf(req), req.params.id, req.body),
  );
  app.delete('/api/v1/committee/meetings/:id', { schema: { tags, params: IdParamsSchema, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await deleteMeeting(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });
  app.get(
    '/api/v1/committee/meetings/:id/customer-voice',
    {
      schema: {
        tags,
        description: 'suggested agenda items from the period before the meeting, in the reader’s data scope: NPS movers, root causes, overdue exemption reports, open improvement projects, three representative verbatims',
        params: IdParamsSchema,
        response: { 200: CustomerVoiceSchema, ...errors },
      },
    },
    (req) => customerVoiceFor(ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/committee/meetings/:id/decisions',
    { schema: { tags, params: IdParamsSchema, body: CreateDecisionSchema, response: { 201: DecisionSchema, ...writeErrors } } },
    async (req, reply) => reply.status(201).send(await addDecision(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get('/api/v1/committee/decisions', { schema: { tags, querystring: DecisionListQuerySchema, response: { 200: z.object({ items: z.array(DecisionSchema) }), ...errors } } }, (req) =>
    listDecisions(ctx, actorOf(req), req.query),
  );
  app.patch('/api/v1/committee/decisions/:id', { schema: { tags, params: IdParamsSchema, body: UpdateDecisionSchema, response: { 200: DecisionSchema, ...writeErrors } } }, (req) =>
    updateDecision(ctx, actorOf(req), req.params.id, req.body),
  );
}
