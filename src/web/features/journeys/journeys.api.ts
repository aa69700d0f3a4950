import type { AlertRule } from '../../../contracts/cases.ts';
import type { Journey, JourneyMetrics, JourneyPaths, JourneyStage, JourneyTargets, LocalisedName, Measure, MeasureStatus, TouchpointKind, TouchpointMetrics } from '../../../contracts/journeys.ts';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../shared/api/client.ts';

export type { Journey, JourneyMetrics, JourneyPaths, JourneyStage, JourneyTargets, LocalisedName, Measure, MeasureStatus, TouchpointKind, TouchpointMetrics };

export interface JourneyInput {
  name: LocalisedName;
  stages: JourneyStage[];
  targets: JourneyTargets;
}
export interface KnownTouchpoint {
  touchpoint: string;
  interactions: number;
  answers: number;
}

/** The period as the API takes it: the last `days` days up to now. */
const periodOf = (days: number) => ({ from: new Date(Date.now() - days * 86_400_000).toISOString() });

export const listJourneys = async (signal?: AbortSignal) => (await apiGet<{ items: Journey[] }>('/journeys', undefined, signal)).items;
export const listKnownTouchpoints = async (signal?: AbortSignal) => (await apiGet<{ items: KnownTouchpoint[] }>('/journeys/touchpoints', undefined, signal)).items;
export const getJourneyMetrics = (id: string, days: number, signal?: AbortSignal) => apiGet<JourneyMetrics>(`/journeys/${id}/metrics`, periodOf(days), signal);
export const getJourneyPaths = (id: string, days: number, signal?: AbortSignal) => apiGet<JourneyPaths>(`/journeys/${id}/paths`, periodOf(days), signal);
export const createJourney = (input: JourneyInput) => apiPost<Journey>('/journeys', input);
export const updateJourney = (id: string, input: JourneyInput) => apiPatch<Journey>(`/journeys/${id}`, input);
export const deleteJourney = (id: string) => apiDelete(`/journeys/${id}`);
export const createJourneyAlertRule = (id: string, kind: TouchpointKind) => apiPost<AlertRule>(`/journeys/${id}/alert-rules`, { kind });
