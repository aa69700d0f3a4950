/** The governance feature (experience committee, executive listening): its pages for the app's routes, and the workbench's listening reminder. */
export { CommitteePage } from './CommitteePage.tsx';
export { MeetingPage } from './MeetingPage.tsx';
export { ListeningPage } from './ListeningPage.tsx';
export { ListeningDueBanner } from './ListeningDueBanner.tsx';
