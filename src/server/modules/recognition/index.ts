// The recognition module's public surface (C7 recognition and rituals, C8 ideas): main.ts and the demo import from here only.
export { registerRecognitionRoutes } from './recognition.routes.ts';
export { registerRecognitionEvents, isPraiseAnswer, type CommentAnalysed } from './recognition.events.ts';
export { registerRecognitionJobs, scheduleRecognitionJobs, grantMonthlyAwards } from './recognition.jobs.ts';
export { DEFAULT_POINTS_RULES, savePointsRules } from './points-rules.service.ts';
export { appendLedgerEntry } from './points.ledger.ts';
export { insertReward, type RedemptionDecided } from './rewards.service.ts';
export { chooseDailyHighlights } from './praise.service.ts';
export { recognitionDigest, type RecognitionDigest } from './recognition.digest.ts';
export { grantGoldenEar } from './rituals.service.ts';
export { IDEA_TRANSITIONS, createIdea, voteForIdea, changeIdeaStatus } from './ideas.service.ts';
export { createChallenge } from './challenges.service.ts';
export { awardPoints } from './points.service.ts';
export { putPromotionCriteria } from './fans-promotion.service.ts';
