/** The audit feature (experience audit and mystery shopping): its pages, for the app's routes. */
export { AuditsPage } from './AuditsPage.tsx';
export { AuditPage } from './AuditPage.tsx';
export { AuditComparePage } from './AuditComparePage.tsx';
export { MysteryShoppingPage } from './MysteryShoppingPage.tsx';
