import { z } from 'zod';
import { IdSchema, ListQuerySchema } from './common.ts';
import { SentimentLabelSchema } from './text.ts';

/** Labelled comments an organisation needs before its own sentiment model is trained. */
export const ADAPTER_MIN_LABELLED = 500;

const ratio = () => z.number().min(0).max(1);

/** How the shared model and the organisation's model did on the same held-out comments (never trained on). */
export const HeldOutFiguresSchema = z.object({
  n: z.number().int().meta({ description: 'held-out comments: one in five labelled comments, chosen by a seeded hash of the response id' }),
  sharedAccuracy: ratio().meta({ description: 'share the shared model labels right (a neutral label counts as wrong)' }),
  adapterAccuracy: ratio().meta({ description: "share this organisation's model labels right (a neutral label counts as wrong)" }),
  sharedBySign: ratio().meta({ description: 'share whose score has the right sign (shared model)' }),
  adapterBySign: ratio().meta({ description: "share whose score has the right sign (this organisation's model)" }),
  adapterOnlyRight: z.number().int().meta({ description: "comments only this organisation's model labels right" }),
  sharedOnlyRight: z.number().int().meta({ description: 'comments only the shared model labels right' }),
});
export type HeldOutFigures = z.infer<typeof HeldOutFiguresSchema>;

export const AdapterStatusNameSchema = z.enum(['collecting', 'trained_inactive', 'active']);

/** `GET /api/v1/text/adapter`: the organisation's own sentiment model and what it is learning from. */
export const TextAdapterStatusSchema = z.object({
  status: AdapterStatusNameSchema.meta({
    description: 'collecting: never trained (fewer than `needed` labelled comments, or waiting for tonight); trained_inactive: trained but not used; active: labels new comments',
  }),
  reason: z
    .enum(['not_better', 'shared_model_changed'])
    .nullable()
    .meta({ description: 'why a trained model is not used: it did not beat the shared model on held-out comments, or the shared model was retrained since' }),
  labelled: z.number().int().meta({ description: 'comments with a usable label: an admin correction (positive or negative), or an NPS, CSAT or CES voting clearly with no score beside it on the other side' }),
  needed: z.number().int(),
  corrections: z.number().int().meta({ description: 'comments an admin has labelled by hand (neutral included)' }),
  trainedAt: z.string().nullable(),
  trainedBy: z.enum(['nightly', 'admin']).nullable(),
  trainN: z.number().int().nullable().meta({ description: 'comments the latest training learnt from' }),
  heldOut: HeldOutFiguresSchema.nullable(),
});
export type TextAdapterStatus = z.infer<typeof TextAdapterStatusSchema>;

/** `GET /api/v1/text/comments`: analysed comments for review, newest first. */
export const ReviewCommentQuerySchema = ListQuerySchema.extend({
  disagreeing: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: 'true: only comments whose scores suggest another label than the one shown, and that nobody has corrected yet' }),
  corrected: z.enum(['true', 'false']).optional().meta({ description: 'true: only corrected comments; false: only uncorrected ones' }),
});

export const ReviewCommentSchema = z.object({
  responseId: IdSchema,
  submittedAt: z.string(),
  text: z.string().meta({ description: 'the comment with personal data masked' }),
  lang: z.enum(['zh', 'en', 'mixed', 'other']),
  touchpoint: z.string().nullable(),
  sentiment: SentimentLabelSchema.meta({ description: 'the label shown everywhere: the correction when there is one, else the model’s' }),
  score: z.number().meta({ description: 'the model score −1..1 at analysis' }),
  scoreLabel: SentimentLabelSchema.nullable().meta({ description: 'what the NPS, CSAT and CES beside the comment suggest; null when they say nothing clear or disagree' }),
  nps: z.number().int().nullable(),
  csat: z.number().int().nullable(),
  ces: z.number().int().nullable(),
  correction: z.object({ label: SentimentLabelSchema, at: z.string() }).nullable(),
});
export type ReviewComment = z.infer<typeof ReviewCommentSchema>;

export const ReviewCommentParamsSchema = z.object({ responseId: IdSchema });
/** `PUT /api/v1/text/comments/:responseId/label`: an admin's label for a comment. */
export const CommentLabelSchema = z.object({ label: SentimentLabelSchema });
