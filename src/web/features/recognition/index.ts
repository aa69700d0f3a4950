// recognition's public surface for other features.
export { HighlightBanner } from './HighlightBanner.tsx';
export { IDEA_STATUS_COLORS } from './IdeaStatus.tsx';
