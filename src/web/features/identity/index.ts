// identity's public surface for the login page. The settings page is loaded lazily by the app shell
// (AppRoutes imports SsoSettingsPage.tsx itself), so the login page's bundle stays small.
export { SsoProblem, SsoSignInButton, ssoRequiredStart, useSsoStart } from './SsoSignIn.tsx';
