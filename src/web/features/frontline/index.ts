// The frontline feature's public surface: its pages for the app's routes, and the pieces the workbench shows in a case.
export { CapturePage } from './CapturePage.tsx';
export { SupportPage } from './SupportPage.tsx';
export { CapturedDetails, CaseFrontlineActions } from './CaseFrontline.tsx';
