/** The privacy feature: the admins' page, for the app's routes. */
export { PrivacyPage } from './PrivacyPage.tsx';
