// The text module's public surface: other modules and main.ts import from here only.
export { registerTextRoutes } from './text.routes.ts';
export { registerTextEvents } from './text.events.ts';
export { analyzeText, type TextAnalysis } from './analyze.ts';
export { redactPii } from './pii.ts';
export { warmUpTextAnalysis } from './warm-up.ts';
export { cutWords } from './segmenter.ts';
export { findCommentAnalysis } from './comment-analysis.ts';
export { registerTextJobs, scheduleTextJobs, enqueueTrainingAfterAnalysis } from './adapter/adapter.jobs.ts';
