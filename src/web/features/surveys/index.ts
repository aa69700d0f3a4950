// surveys' public surface for other features.
export type { Survey } from './surveys.api.ts';
export { listSurveys } from './surveys.api.ts';
