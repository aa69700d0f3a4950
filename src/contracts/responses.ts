import { z } from 'zod';
import { IdSchema, text } from './common.ts';
import { CustomerSchema, InteractionSchema, isoTime } from './odata.ts';
import { LangSchema, QuestionSchema, ServedContextSchema } from './surveys.ts';
import { SentimentLabelSchema } from './text.ts';

/** What text analytics made of a response's comments. */
export const CommentAnalysisSchema = z.object({
  sentiment: SentimentLabelSchema,
  score: z.number(),
  keywords: z.array(z.string()),
  topics: z.array(z.string()),
  isPraise: z.boolean(),
});
export type CommentAnalysis = z.infer<typeof CommentAnalysisSchema>;

/** Items per `POST /responses/batch`. */
export const MAX_BATCH_RESPONSES = 1000;

/**
 * One answer as sent: a number for nps/csat/ces/rating, an option value or text
 * for single/text/hidden, a list of option values for multi; null or empty means
 * unanswered. The survey version's questions decide what is valid (`validateAnswers`).
 */
export const AnswerInputSchema = z.union([z.number(), text(5000), z.array(text(100)).max(100), z.null()]);

export const AnswersInputSchema = z
  .record(text(100), AnswerInputSchema)
  .refine((a) => Object.keys(a).length <= 200, 'at most 200 answers');

export const SourceSchema = z.enum(['api', 'public', 'batch', 'import']);
export type Source = z.infer<typeof SourceSchema>;

/** `POST /api/v1/responses`: one response, optionally joined to its customer, interaction and serving employee. */
export const ResponseInputSchema = ServedContextSchema.extend({
  surveyId: IdSchema,
  answers: AnswersInputSchema,
  interactionId: IdSchema.optional().meta({
    description: 'the interaction answered about; missing customer, employee, unit, touchpoint, channel and partner are taken from it',
  }),
  partnerId: IdSchema.optional().meta({ description: 'the partner (courier, franchisee, supplier…) whose work was answered about' }),
  submittedAt: isoTime().optional().meta({ description: 'when the customer answered (default: now)' }),
});
export type ResponseInput = z.infer<typeof ResponseInputSchema>;

export const CreatedResponseSchema = z.object({ id: IdSchema });

/** A header that makes a create safe to retry: same key and payload → same id, nothing new. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'printable ASCII without spaces, 1 to 200 characters')
  .optional();
export const IdempotencyHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema });

/**
 * Each item is a `POST /responses` body, optionally with its own `idempotencyKey`
 * (without one, the request's Idempotency-Key header plus `#index` is used).
 * Items are checked one by one: a bad item is reported by index, the rest are kept.
 */
export const BatchItemSchema = ResponseInputSchema.extend({ idempotencyKey: IdempotencyKeySchema });
export const BatchRequestSchema = z.object({
  items: z
    .array(z.unknown())
    .min(1)
    .max(MAX_BATCH_RESPONSES)
    .meta({ description: `up to ${MAX_BATCH_RESPONSES} items, each shaped like a POST /api/v1/responses body plus optional idempotencyKey` }),
  runRules: z
    .boolean()
    .default(true)
    .meta({ description: 'false loads the answers without alert rules (history); rules also skip answers older than their maxAgeHours' }),
});

export const ItemErrorSchema = z.object({
  index: z.number().int(),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});
export const BatchResultSchema = z.object({
  created: z.number().int(),
  duplicates: z.number().int().meta({ description: 'items whose idempotency key was already used with the same payload' }),
  errors: z.array(ItemErrorSchema),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;

/** `POST /api/v1/public/responses/:token`: what a respondent sends, without logging in. */
export const PublicResponseInputSchema = z.object({
  answers: AnswersInputSchema,
  lang: LangSchema.optional(),
  partial: z.boolean().optional().meta({ description: 'save these answers as a partial response (202); a later submit without it completes the same response' }),
  draftToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/)
    .optional()
    .meta({ description: 'anonymous links: the draftToken a partial save returned, to continue that respondent’s answers' }),
});
/** 202 to a partial save: the id the completed response will have; on an anonymous link, the token that continues it. */
export const PartialSavedSchema = z.object({ id: IdSchema, draftToken: z.string().optional() });
export const TokenParamsSchema = z.object({ token: text(100) });

/** NPS groups: detractor 0–6, passive 7–8, promoter 9–10. */
export const NpsBandSchema = z.enum(['detractor', 'passive', 'promoter']);
export type NpsBand = z.infer<typeof NpsBandSchema>;

export const ResponseListQuerySchema = z.object({
  surveyId: IdSchema.optional(),
  unitId: IdSchema.optional().meta({ description: 'this unit and its whole subtree' }),
  employeeId: IdSchema.optional(),
  partnerId: IdSchema.optional(),
  from: isoTime().optional().meta({ description: 'submittedAt at or after (ISO 8601)' }),
  to: isoTime().optional().meta({ description: 'submittedAt before (ISO 8601)' }),
  touchpoint: text(100).optional(),
  channel: text(60).optional(),
  npsBand: NpsBandSchema.optional().meta({ description: 'detractor (NPS 0–6), passive (7–8) or promoter (9–10)' }),
  status: z.enum(['complete', 'partial']).default('complete').meta({ description: 'partial: answers saved page by page, not finished (never in metrics)' }),
});

export const ResponseSchema = z.object({
  id: IdSchema,
  surveyId: IdSchema,
  surveyVersion: z.number().int(),
  linkId: IdSchema.nullable(),
  customerId: IdSchema.nullable(),
  interactionId: IdSchema.nullable(),
  employeeId: IdSchema.nullable(),
  unitId: IdSchema.nullable(),
  partnerId: IdSchema.nullable(),
  touchpoint: z.string().nullable(),
  channel: z.string().nullable(),
  lang: LangSchema.nullable(),
  answers: z.record(z.string(), z.unknown()),
  nps: z.number().int().nullable(),
  csat: z.number().int().nullable(),
  ces: z.number().int().nullable(),
  comment: z.string().nullable(),
  submittedAt: z.string(),
  receivedAt: z.string(),
  source: SourceSchema,
  flags: z.array(z.string()),
  employeeName: z.string().nullable().meta({ description: "the serving employee's name" }),
  status: z.enum(['complete', 'partial']).meta({ description: 'partial: saved page by page and not finished; submittedAt is its last save' }),
});
export type ResponseRecord = z.infer<typeof ResponseSchema>;

export const ResponseEmployeeSchema = z.object({
  id: IdSchema,
  name: z.string(),
  unitId: IdSchema,
  positionName: z.string().nullable(),
  positionNameEn: z.string().nullable(),
});

/** The survey version a response answered, so its answers read against the questions the customer saw. */
export const ResponseSurveySchema = z.object({
  id: IdSchema,
  name: z.string(),
  version: z.number().int(),
  questions: z.array(QuestionSchema),
});

export const ResponseUnitSchema = z.object({ id: IdSchema, name: z.string(), nameEn: z.string().nullable() });

/** A response with the customer, interaction and serving employee it is joined to (X-data beside O-data). */
export const ResponseDetailSchema = ResponseSchema.extend({
  customer: CustomerSchema.nullable(),
  interaction: InteractionSchema.nullable(),
  employee: ResponseEmployeeSchema.nullable(),
  unit: ResponseUnitSchema.nullable().meta({ description: 'where the response was given (its unit)' }),
  survey: ResponseSurveySchema.nullable().meta({ description: 'the survey with the questions of the version answered' }),
  analysis: CommentAnalysisSchema.nullable().meta({ description: 'text analytics of the comments, once analysed' }),
});
export type ResponseDetail = z.infer<typeof ResponseDetailSchema>;

/** How far respondents got in one survey version: per question in order, over completed responses and partial ones. */
export const DropOffSchema = z.object({
  surveyId: IdSchema,
  version: z.number().int(),
  completed: z.number().int(),
  partial: z.number().int(),
  questions: z.array(
    z.object({
      key: z.string(),
      page: z.number().int(),
      title: z.object({ 'zh-CN': z.string(), en: z.string() }),
      reached: z.number().int().meta({ description: 'respondents who were shown the question (its condition held and they got to its page)' }),
      answered: z.number().int(),
      stopped: z.number().int().meta({ description: 'partial respondents whose last page ended before this question: it is where they left' }),
    }),
  ),
});
export type DropOff = z.infer<typeof DropOffSchema>;
export const DropOffQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000_000).optional() });
