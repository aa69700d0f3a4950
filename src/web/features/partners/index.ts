/**
 * The partners feature, for the app's routes: the admin page, and a partner account's home page with its own report,
 * replies and ideas (a share link's report is server-rendered at /partner/:token).
 */
export { PartnersPage } from './PartnersPage.tsx';
export { PartnerHomePage } from './PartnerHomePage.tsx';
