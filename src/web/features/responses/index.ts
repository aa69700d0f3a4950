// responses' public surface for other features.
export { getResponse } from './responses.api.ts';
export { SCORE_RANGES } from './scores.ts';
export { ScoreTags } from './ScoreTags.tsx';
export type { CodeGroup } from './use-code-label.ts';
export { useCodeLabel } from './use-code-label.ts';
