// The surveys module's public surface: other modules import from here only.
export { registerSurveyRoutes } from './surveys.routes.ts';
export { registerMessageChannelRoutes } from './message-channels.routes.ts';
export { registerSurveyJobs, scheduleSurveyJobs } from './reminders.ts';
export { registerSurveyTriggers, createTrigger } from './triggers.service.ts';
export { getSurveyVersion, type SurveyVersion } from './surveys.service.ts';
export { resolveLink, markLinkUsed, issueLink, linkUrl, type ResolvedLink, type IssuedLink } from './links.service.ts';
export {
  renderSurveyPage,
  renderThankYouPage,
  renderLinkProblemPage,
  readSurveyForm,
  chooseLanguage,
  sendPublicPage,
  pipeValues,
  LINK_PROBLEM_STATUS,
  type LinkProblem,
  type SurveyForm,
  type SurveyPageInput,
  type PipeContextValues,
} from './public-page.ts';
export { renderQrSvg, renderQrPng } from './qr.ts';
export { queueEmails, type OutgoingEmail } from './outbox-queue.ts';
