import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';
import { isoTime } from './odata.ts';

/** Comments per `POST /text/analyze` request. */
export const MAX_ANALYZE_TEXTS = 100;

export const SentimentLabelSchema = z.enum(['positive', 'neutral', 'negative']);
export type SentimentLabel = z.infer<typeof SentimentLabelSchema>;

/** `POST /api/v1/text/analyze`: comments to analyse, nothing stored. */
export const AnalyzeRequestSchema = z.object({
  texts: z.array(text(5000)).min(1).max(MAX_ANALYZE_TEXTS).meta({ description: `1 to ${MAX_ANALYZE_TEXTS} comments, Chinese, English or mixed, up to 5,000 characters each` }),
});

export const AnalyzedTextSchema = z.object({
  sentiment: SentimentLabelSchema,
  score: z.number().min(-1).max(1).meta({ description: '−1 (very negative) to 1 (very positive); neutral within ±0.3' }),
  topics: z.array(z.string()).meta({ description: "the comment's topics, after the organisation's renames and merges" }),
  keywords: z.array(z.string()),
  isPraise: z.boolean().meta({ description: 'a positive comment about the service or naming a member of staff' }),
  lang: z.enum(['zh', 'en', 'mixed', 'other']),
  piiFound: z.array(z.enum(['id_number', 'bank_card', 'phone', 'email'])).meta({ description: 'kinds of personal data masked before analysis' }),
});
export type AnalyzedText = z.infer<typeof AnalyzedTextSchema>;

export const AnalyzeResultSchema = z.object({ items: z.array(AnalyzedTextSchema) });

const TopicFilterSchema = z.object({
  from: isoTime().optional().meta({ description: 'submittedAt at or after (ISO 8601)' }),
  to: isoTime().optional().meta({ description: 'submittedAt before (ISO 8601)' }),
  unitId: IdSchema.optional().meta({ description: 'this unit and its whole subtree' }),
  touchpoint: text(100).optional(),
});

/** `GET /api/v1/text/topics`: the organisation's topics over its analysed comments, most frequent first. */
export const TopicListQuerySchema = TopicFilterSchema.extend({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const TopicSummarySchema = z.object({
  topic: z.string(),
  n: z.number().int().meta({ description: 'comments with this topic' }),
  sentiment: z.number().meta({ description: 'mean sentiment score −1..1 of those comments' }),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
  terms: z.array(z.string()).meta({ description: 'keywords the organisation filed under this topic (renames and merges); empty for a plain keyword' }),
});
export const TopicListSchema = z.object({ items: z.array(TopicSummarySchema) });

export const TopicGroupBySchema = z.enum(['day', 'week', 'month', 'unit', 'touchpoint']);

/** `GET /api/v1/text/topics/trends`: topic counts and sentiment by period (organisation time zone), unit or touchpoint. */
export const TopicTrendQuerySchema = TopicFilterSchema.extend({
  groupBy: TopicGroupBySchema.default('month'),
  topic: text(100).optional().meta({ description: 'one topic only (default: every topic)' }),
});
export const TopicTrendSchema = z.object({
  groupBy: TopicGroupBySchema,
  rows: z.array(z.object({ key: z.string(), topic: z.string(), n: z.number().int(), sentiment: z.number() })),
});

/** `POST /api/v1/text/topics/rename`: files a topic (and every keyword under it) under a new name. */
export const RenameTopicSchema = z.object({ topic: nonEmptyText(100), name: nonEmptyText(100) });
/** `POST /api/v1/text/topics/merge`: files several topics under one name (an existing topic or a new one). */
export const MergeTopicsSchema = z.object({ topics: z.array(nonEmptyText(100)).min(1).max(50), into: nonEmptyText(100) });
export const TopicChangeResultSchema = z.object({
  topic: z.string(),
  terms: z.array(z.string()),
  updatedComments: z.number().int().meta({ description: 'analysed comments whose topics were re-filed' }),
});
export type TopicChangeResult = z.infer<typeof TopicChangeResultSchema>;
