import { randomUUID } from 'node:crypto';
import { pageOf } from '../../../contracts/survey-logic.ts';
import { validateAnswers, type Answers, type Lang } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getSurveyVersion, resolveLink, type LinkProblem, type ResolvedLink, type SurveyVersion } from '../surveys/index.ts';
import { committerOf } from './ingest.service.ts';
import { alreadyAnswered, answersInvalid } from './ingest.write.ts';
import { loadDraft, mergeAnswers, saveDraft, type Draft } from './drafts.service.ts';

/** A human takes longer than this to read and answer even a one-question survey. */
const MIN_HUMAN_MS = 3_000;

/** What the public page sends, with the spam signals the form carried. */
export interface PublicAnswers {
  answers: Record<string, unknown>;
  lang?: Lang | null;
  /** The honeypot's content ('' when a human left it alone). */
  honeypot?: string;
  /** When the page was rendered (its hidden `renderedAt`); null when missing or unreadable. */
  renderedAt?: Date | null;
  /** Completing a draft: the response takes the draft's id, and its spam signals. */
  draft?: Draft | null;
}

export type OpenedLink = { link: ResolvedLink; problem: null } | { link: ResolvedLink | null; problem: LinkProblem };

/** A link by token, or why it cannot be answered (unknown, expired, a personal link already answered). */
export async function openLink(ctx: AppContext, token: string): Promise<OpenedLink> {
  const link = await resolveLink(ctx, token);
  if (!link) return { link: null, problem: 'unknown' };
  if (link.expiresAt && link.expiresAt <= ctx.clock.now()) return { link, problem: 'expired' };
  if (link.personal && link.usedAt) return { link, problem: 'answered' };
  return { link, problem: null };
}

/** The version of the link's survey a respondent answers now. */
export function loadLinkSurvey(ctx: AppContext, link: ResolvedLink): Promise<SurveyVersion | null> {
  return ctx.db.tenant(link.orgId, (tx) => getSurveyVersion(tx, link.orgId, link.surveyId));
}

/**
 * `POST /api/v1/public/responses/:token`: a respondent's answers as JSON, no
 * login. With `partial` the answers are saved as the link's draft (merged
 * with what was saved before; nothing is required yet) and `isPartial` is
 * true; without it they complete the draft, if any, under the draft's id.
 * An anonymous link's draft is named by the `draftToken` its first save returned.
 */
export async function submitPublicResponse(
  ctx: AppContext,
  token: string,
  input: PublicAnswers & { partial?: boolean; draftToken?: string },
): Promise<{ id: string; draftToken?: string; isPartial: boolean }> {
  const opened = await openLink(ctx, token);
  if (opened.problem) throw linkProblemError(opened.problem);
  const link = opened.link;
  const draft = await loadDraft(ctx, link, input.draftToken);
  if (!draft && !input.partial) return { ...(await submitLinkAnswers(ctx, link, input)), isPartial: false };
  const survey = await loadLinkSurvey(ctx, link);
  if (!survey || survey.status === 'closed') throw linkProblemError('closed');
  const answers = mergeAnswers(survey.questions, draft?.answers ?? {}, input.answers);
  if (!input.partial) return { ...(await submitLinkAnswers(ctx, link, { ...input, answers, draft })), isPartial: false };
  const errors = validateAnswers(survey.questions, answers, { requiredThroughPage: 0 });
  if (Object.keys(errors).length) throw answersInvalid(errors);
  const page = Math.max(0, ...survey.questions.filter((q) => q.key in answers).map(pageOf));
  const flags = input.honeypot ? ['honeypot'] : [];
  const saved = await saveDraft(ctx, link, survey, draft, { answers: answers as Answers, page, lang: input.lang ?? null, flags, startedAt: input.renderedAt ?? null });
  return { id: saved.id, ...(saved.secret ? { draftToken: saved.secret } : {}), isPartial: true };
}

/**
 * Writes answers given through a link, bound to what the link is bound to
 * (customer, interaction, employee, unit, touchpoint, channel). A filled
 * honeypot or an answer faster than a human could give is accepted, so a bot
 * learns nothing, but flagged for metrics and alert rules to leave out.
 */
export async function submitLinkAnswers(ctx: AppContext, link: ResolvedLink, input: PublicAnswers): Promise<{ id: string }> {
  const now = ctx.clock.now();
  const flags: string[] = [...(input.draft?.flags ?? [])];
  if (input.honeypot && !flags.includes('honeypot')) flags.push('honeypot');
  // Over several pages, the time since the first page was shown.
  const startedAt = input.draft ? (input.draft.startedAt ?? undefined) : input.renderedAt;
  if (startedAt !== undefined && !flags.includes('too_fast') && (startedAt === null || now.getTime() - startedAt.getTime() < MIN_HUMAN_MS)) flags.push('too_fast');
  const { id } = await committerOf(ctx).submit(link.orgId, {
    id: input.draft?.id ?? randomUUID(),
    surveyId: link.surveyId,
    answers: input.answers,
    customerId: link.customerId,
    interactionId: link.interactionId,
    employeeId: link.employeeId,
    unitId: link.unitId,
    partnerId: null, // the link's interaction, if any, gives it
    touchpoint: link.touchpoint,
    channel: link.channel,
    lang: input.lang ?? link.lang,
    submittedAt: now,
    receivedAt: now,
    source: 'public',
    flags,
    link: { id: link.linkId, isPersonal: link.personal, isFirstUse: link.usedAt === null },
    requiresOpenSurvey: true,
    runRules: true,
    idempotency: null,
  });
  return { id };
}

/** The API error for a link that cannot be answered (the form shows a friendly page instead). */
export function linkProblemError(problem: LinkProblem): AppError {
  switch (problem) {
    case 'unknown':
      return new AppError(404, 'not_found', 'no survey has this link');
    case 'expired':
      return new AppError(410, 'link_expired', 'this survey link has expired');
    case 'answered':
      return alreadyAnswered();
    case 'closed':
      return new AppError(410, 'survey_closed', 'this survey is not taking answers');
  }
}
