import { ErrorSchema } from '../../../contracts/common.ts';
import {
  AnalyzeRequestSchema,
  AnalyzeResultSchema,
  MergeTopicsSchema,
  RenameTopicSchema,
  TopicChangeResultSchema,
  TopicListQuerySchema,
  TopicListSchema,
  TopicTrendQuerySchema,
  TopicTrendSchema,
} from '../../../contracts/text.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import { analyzeTexts, listTopics, mergeTopics, renameTopic, topicTrends } from './topics.service.ts';
import { registerTextAdapterRoutes } from './adapter/adapter.routes.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };

/** Text analytics: analysis for integrators, the organisation's topics and their trends, topic rename and merge. */
export function registerTextRoutes(app: HttpApp, ctx: AppContext): void {
  const tags = ['text'];
  app.post(
    '/api/v1/text/analyze',
    {
      schema: {
        tags,
        description: 'sentiment, topics, keywords and praise of each comment (personal data masked first); nothing is stored',
        body: AnalyzeRequestSchema,
        response: { 200: AnalyzeResultSchema, ...errors },
      },
    },
    (req) => analyzeTexts(ctx, actorOf(req), req.body.texts),
  );
  app.get('/api/v1/text/topics', { schema: { tags, querystring: TopicListQuerySchema, response: { 200: TopicListSchema, ...errors } } }, (req) =>
    listTopics(ctx, actorOf(req), req.query),
  );
  app.get('/api/v1/text/topics/trends', { schema: { tags, querystring: TopicTrendQuerySchema, response: { 200: TopicTrendSchema, ...errors } } }, (req) =>
    topicTrends(ctx, actorOf(req), req.query),
  );
  app.post('/api/v1/text/topics/rename', { schema: { tags, body: RenameTopicSchema, response: { 200: TopicChangeResultSchema, ...errors } } }, (req) =>
    renameTopic(ctx, actorOf(req), req.body),
  );
  app.post('/api/v1/text/topics/merge', { schema: { tags, body: MergeTopicsSchema, response: { 200: TopicChangeResultSchema, ...errors } } }, (req) =>
    mergeTopics(ctx, actorOf(req), req.body),
  );
  registerTextAdapterRoutes(app, ctx);
}
