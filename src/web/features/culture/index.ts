/** The culture and vision assessment feature: its pages, for the app's routes. */
export { CulturePage } from './CulturePage.tsx';
export { AssessmentPage } from './AssessmentPage.tsx';
