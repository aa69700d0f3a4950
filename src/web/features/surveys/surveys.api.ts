import type { Lang, LocalizedText, Question, QuestionType, Survey } from '../../../contracts/surveys.ts';
import type { DropOff } from '../../../contracts/responses.ts';
import { apiGet, apiPatch, apiPost, fetchAllPages } from '../../shared/api/client.ts';

export type { Lang, LocalizedText, Question, QuestionType, Survey };
export type SurveyStatus = Survey['status'];

export const SURVEY_STATUSES: SurveyStatus[] = ['draft', 'active', 'closed'];
export const QUESTION_TYPES: QuestionType[] = ['nps', 'csat', 'ces', 'rating', 'single', 'multi', 'text', 'hidden'];

export interface SurveyInput {
  name: string;
  status: SurveyStatus;
  questions: Question[];
}

export interface SurveyLink {
  token: string;
  url: string;
  personal: boolean;
  expiresAt: string | null;
}

/** Every survey (all pages). */
export const listSurveys = (signal?: AbortSignal) => fetchAllPages<Survey>('/surveys', {}, signal);
export const getSurvey = (id: string, signal?: AbortSignal) => apiGet<Survey>(`/surveys/${id}`, undefined, signal);
export const createSurvey = (input: SurveyInput) => apiPost<Survey>('/surveys', input);
/** Changing the questions makes a new version; the answer carries it. */
export const updateSurvey = (id: string, input: Partial<SurveyInput>) => apiPatch<Survey>(`/surveys/${id}`, input);
/** A reusable anonymous link (no customer bound to it). */
export const createAnonymousLink = (id: string) => apiPost<SurveyLink>(`/surveys/${id}/links`, {});
/** The QR code of the survey's anonymous link, as an address an `<img>` can load with the session cookie. */
export const qrCodeUrl = (id: string) => `/api/v1/surveys/${id}/qr.svg`;
/** Per question of a version (default the current): who reached, answered and stopped at it (admins). */
export const getDropOff = (id: string, version: number | undefined, signal?: AbortSignal) =>
  apiGet<DropOff>(`/surveys/${id}/drop-off`, version ? { version } : undefined, signal);
export type { DropOff };
