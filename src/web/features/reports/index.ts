/** The monthly experience review feature: its page, for the app's routes. */
export { ReviewPage } from './ReviewPage.tsx';
