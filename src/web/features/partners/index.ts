/**
 * The partners feature, for the app's routes: the admin page, and a partner account's home page that points to its
 * report (the report itself is server-rendered at /partner/:token).
 */
export { PartnersPage } from './PartnersPage.tsx';
export { PartnerHomePage } from './PartnerHomePage.tsx';
