import { ErrorSchema, pageOf } from '../../../../contracts/common.ts';
import {
  CommentLabelSchema,
  ReviewCommentParamsSchema,
  ReviewCommentQuerySchema,
  ReviewCommentSchema,
  TextAdapterStatusSchema,
} from '../../../../contracts/text-adapter.ts';
import type { AppContext } from '../../../platform/context.ts';
import type { HttpApp } from '../../../platform/http/app.ts';
import { actorOf } from '../../../platform/http/authenticate.ts';
import { getAdapterStatus, trainAdapterNow } from './adapter.service.ts';
import { clearCommentLabel, listReviewComments, setCommentLabel } from './corrections.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** The organisation's own sentiment model (status, train now) and the admins' review and correction of comment labels. */
export function registerTextAdapterRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['text'];
  app.get(
    '/api/v1/text/adapter',
    {
      schema: {
        tags,
        description: "this organisation's sentiment model: learning from its labelled comments, trained nightly, used only when it beats the shared model on held-out comments",
        response: { 200: TextAdapterStatusSchema, ...errors },
      },
    },
    (req) => getAdapterStatus(ctx, actorOf(req)),
  );
  app.post(
    '/api/v1/text/adapter/train',
    {
      schema: {
        tags,
        description: 'trains the organisation’s model now and answers its new status; 409 not_enough_labels below the minimum of labelled comments',
        response: { 200: TextAdapterStatusSchema, ...errors, 409: ErrorSchema },
      },
    },
    (req) => trainAdapterNow(ctx, actorOf(req)),
  );
  app.get(
    '/api/v1/text/comments',
    {
      schema: {
        tags,
        description: 'analysed comments for review, newest first, personal data masked; disagreeing=true lists those whose NPS, CSAT or CES suggest another label than the one shown',
        querystring: ReviewCommentQuerySchema,
        response: { 200: pageOf(ReviewCommentSchema), ...errors },
      },
    },
    (req) => listReviewComments(ctx, actorOf(req), req.query),
  );
  app.put(
    '/api/v1/text/comments/:responseId/label',
    {
      schema: {
        tags,
        description: 'an admin labels a comment by hand: shown at once, audit-logged, and it trains the organisation’s model (outranking the scores beside the comment)',
        params: ReviewCommentParamsSchema,
        body: CommentLabelSchema,
        response: { 200: ReviewCommentSchema, ...errors },
      },
    },
    (req) => setCommentLabel(ctx, actorOf(req), req.params.responseId, req.body.label),
  );
  app.delete(
    '/api/v1/text/comments/:responseId/label',
    {
      schema: { tags, description: 'removes an admin’s label: the comment shows the model’s label again', params: ReviewCommentParamsSchema, response: { 200: ReviewCommentSchema, ...errors } },
    },
    (req) => clearCommentLabel(ctx, actorOf(req), req.params.responseId),
  );
}
