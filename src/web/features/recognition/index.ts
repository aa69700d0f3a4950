// recognition's public surface for other features.
export { HighlightBanner } from './HighlightBanner.tsx';
