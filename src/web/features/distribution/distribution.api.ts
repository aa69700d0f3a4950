import type { Message, SurveySettings, SurveyTrigger } from '../../../contracts/surveys.ts';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut, type Page } from '../../shared/api/client.ts';

export type { Message, SurveySettings, SurveyTrigger };

export interface TriggerInput {
  surveyId: string;
  interactionType: string | null;
  touchpoint: string | null;
  channel: SurveyTrigger['channel'];
  lang: SurveyTrigger['lang'];
}

export const getSettings = (signal?: AbortSignal) => apiGet<SurveySettings>('/survey-settings', undefined, signal);
export const saveSettings = (settings: SurveySettings) => apiPut<SurveySettings>('/survey-settings', settings);

export const listTriggers = async (signal?: AbortSignal) => (await apiGet<{ items: SurveyTrigger[] }>('/survey-triggers', undefined, signal)).items;
export const createTrigger = (input: TriggerInput) => apiPost<SurveyTrigger>('/survey-triggers', input);
export const setTriggerEnabled = (id: string, enabled: boolean) => apiPatch<SurveyTrigger>(`/survey-triggers/${id}`, { enabled });
export const deleteTrigger = (id: string) => apiDelete(`/survey-triggers/${id}`);

/** One page of the message outbox, newest first. */
export const listMessages = (cursor: string | null, signal?: AbortSignal) =>
  apiGet<Page<Message>>('/messages', { limit: 50, cursor }, signal);
