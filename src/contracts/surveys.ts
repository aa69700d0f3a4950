import { z } from 'zod';
import { IdSchema, nonEmptyText, text } from './common.ts';
import { checkSurveyLogic, MAX_PAGE, pageOf, ShowIfSchema, shownKeys } from './survey-logic.ts';

/** Every text a respondent sees exists in both languages. */
export const LocalizedTextSchema = z.object({ 'zh-CN': nonEmptyText(500), en: nonEmptyText(500) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const LangSchema = z.enum(['zh-CN', 'en']);
export type Lang = z.infer<typeof LangSchema>;

export const QuestionTypeSchema = z.enum(['nps', 'csat', 'ces', 'rating', 'single', 'multi', 'text', 'hidden']);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

export const OptionSchema = z.object({
  value: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ or -, at most 40'),
  label: LocalizedTextSchema,
});

export const QuestionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter'),
    type: QuestionTypeSchema,
    title: LocalizedTextSchema,
    required: z.boolean().default(false),
    options: z.array(OptionSchema).min(2).max(30).optional(),
    /** rating only: the scale's ends (default 1–5). */
    scale: z.object({ min: z.number().int().min(0).max(1), max: z.number().int().min(2).max(10) }).optional(),
    /** Shown only when earlier answers match (see survey-logic.ts); absent: always shown. */
    showIf: ShowIfSchema.optional(),
    /** The page the question is on (1 when absent); pages never go back along the questions. */
    page: z.number().int().min(1).max(MAX_PAGE).optional(),
  })
  .refine((q) => (q.type === 'single' || q.type === 'multi') === (q.options !== undefined), {
    message: 'single and multi questions need options; other types have none',
    path: ['options'],
  });
export type Question = z.infer<typeof QuestionSchema>;

export const QuestionsSchema = z
  .array(QuestionSchema)
  .min(1)
  .max(100)
  .refine((qs) => new Set(qs.map((q) => q.key)).size === qs.length, 'question keys must be unique')
  .superRefine((qs, ctx) => {
    for (const issue of checkSurveyLogic(qs)) {
      const path = issue.field.split('.').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      ctx.addIssue({ code: 'custom', path, message: issue.message, params: { logic: issue.code } });
    }
  });

/** The fixed ranges of the standard scales. */
export const SCALES: Record<'nps' | 'csat' | 'ces', { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/** The message for an answer to a question its condition hides. */
export const NOT_ASKED = 'not asked: its condition hides this question';

/**
 * Checks answers against a survey version's questions; returns one message per
 * bad key (empty when valid). A question hidden by its `showIf` takes no answer
 * and is never required. `requiredThroughPage` checks a partial answer: only
 * questions up to that page must be answered (0: none). Shared by the API, the
 * public page and the builder's preview.
 */
export function validateAnswers(
  questions: Question[],
  answers: Record<string, unknown>,
  { requiredThroughPage = Infinity }: { requiredThroughPage?: number } = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) if (!byKey.has(key)) errors[key] = 'no such question';
  const shown = shownKeys(questions, answers);
  for (const q of questions) {
    const v = answers[q.key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (q.required && shown.has(q.key) && pageOf(q) <= requiredThroughPage) errors[q.key] = 'an answer is required';
      continue;
    }
    if (!shown.has(q.key)) {
      errors[q.key] = NOT_ASKED;
      continue;
    }
    const problem = checkAnswer(q, v);
    if (problem) errors[q.key] = problem;
  }
  return errors;
}

function checkAnswer(q: Question, v: unknown): string | null {
  switch (q.type) {
    case 'nps':
    case 'csat':
    case 'ces':
    case 'rating': {
      const { min, max } = q.type === 'rating' ? (q.scale ?? { min: 1, max: 5 }) : SCALES[q.type];
      return Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? null : `a whole number from ${min} to ${max}`;
    }
    case 'single':
      return typeof v === 'string' && q.options!.some((o) => o.value === v) ? null : 'one of the options';
    case 'multi':
      return Array.isArray(v) && v.length <= q.options!.length && v.every((x) => q.options!.some((o) => o.value === x))
        ? null
        : 'a list of the options';
    case 'text':
    case 'hidden':
      return typeof v === 'string' && v.length <= 5000 && !v.includes('\0') ? null : 'text of at most 5000 characters';
  }
}

export const SurveyStatusSchema = z.enum(['draft', 'active', 'closed']);

export const SurveySchema = z.object({
  id: IdSchema,
  name: z.string(),
  status: SurveyStatusSchema,
  version: z.number().int(),
  questions: z.array(QuestionSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof SurveySchema>;

export const CreateSurveySchema = z.object({
  name: nonEmptyText(200),
  status: SurveyStatusSchema.default('active'),
  questions: QuestionsSchema,
});
/** Changing questions creates a new version; responses keep the version they answered. */
export const UpdateSurveySchema = z.object({
  name: nonEmptyText(200).optional(),
  status: SurveyStatusSchema.optional(),
  questions: QuestionsSchema.optional(),
});

/**
 * Who was served, where and how: what a personal link is bound to and what a
 * response is joined to (X-data to O-data). One shape for both, so a link's
 * context always fits a response.
 */
export const ServedContextSchema = z.object({
  customerId: IdSchema.optional(),
  interactionId: IdSchema.optional(),
  employeeId: IdSchema.optional(),
  unitId: IdSchema.optional(),
  touchpoint: text(100).optional(),
  channel: text(60).optional(),
  lang: LangSchema.optional(),
});

export const CreateLinkSchema = ServedContextSchema.extend({ expiresAt: z.iso.datetime({ offset: true }).optional() });
export const LinkSchema = z.object({ token: z.string(), url: z.string(), personal: z.boolean(), expiresAt: z.string().nullable() });

// Added by the surveys module (existing names above are shared with the responses module).

export const SurveyListQuerySchema = z.object({ status: SurveyStatusSchema.optional() });

/** One stored version of a survey's questions. */
export const SurveyVersionDetailSchema = z.object({
  surveyId: IdSchema,
  version: z.number().int(),
  questions: z.array(QuestionSchema),
  createdAt: z.string(),
});

/** A version number in a path; anything else names no version (404, not 400). */
export const SurveyVersionParamsSchema = z.object({ id: IdSchema, version: z.string().max(200) });

/** The QR code of a survey's reusable anonymous link for one unit and touchpoint (a store's counter). */
export const QrQuerySchema = z.object({
  unitId: IdSchema.optional(),
  touchpoint: text(80).optional(),
  /** PNG only: width and height in pixels. */
  size: z.coerce.number().int().min(128).max(2048).default(512),
});

/** Contact-fatigue rule: no customer gets more than one personal link per N days, across surveys (0 = off). */
export const SurveySettingsSchema = z.object({ contactFatigueDays: z.number().int().min(0).max(3650) });
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;

/** A message to a respondent (a reminder), queued in the outbox until a sender delivers it. */
export const MessageSchema = z.object({
  id: z.string(),
  kind: z.string(),
  channel: z.string(),
  linkId: IdSchema.nullable(),
  customerId: IdSchema.nullable(),
  interactionId: IdSchema.nullable(),
  lang: LangSchema,
  subject: z.string(),
  body: z.string(),
  recipient: z.string().nullable(),
  status: z.enum(['queued', 'sent', 'failed']),
  /** Delivery attempts by the e-mail sender, and the last SMTP error (when SMTP is configured). */
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Message = z.infer<typeof MessageSchema>;

/**
 * A transactional trigger: each recorded interaction that matches (type and
 * touchpoint; empty matches any) gets a personal link for its customer and a
 * queued invitation, unless the contact-fatigue rule or a missing address stops it.
 */
export const CreateSurveyTriggerSchema = z.object({
  surveyId: IdSchema,
  interactionType: text(80).nullable().default(null),
  touchpoint: text(100).nullable().default(null),
  channel: z.enum(['email', 'sms']).default('email'),
  lang: LangSchema.default('zh-CN'),
  enabled: z.boolean().default(true),
});
export const UpdateSurveyTriggerSchema = z.object({ enabled: z.boolean() });
export const SurveyTriggerSchema = z.object({
  id: IdSchema,
  surveyId: IdSchema,
  interactionType: z.string().nullable(),
  touchpoint: z.string().nullable(),
  channel: z.enum(['email', 'sms']),
  lang: LangSchema,
  enabled: z.boolean(),
  /** What the trigger has done so far: invitations queued, and interactions it skipped and why. */
  invited: z.number().int(),
  skippedFatigue: z.number().int(),
  skippedNoContact: z.number().int(),
  createdAt: z.string(),
});
export type SurveyTrigger = z.infer<typeof SurveyTriggerSchema>;
