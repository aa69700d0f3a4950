// The access module's public surface: other modules and the CLI import from here only.
export { registerAccessRoutes } from './access.routes.ts';
export { createAuthenticator } from './access.authenticator.ts';
export { KEY_CACHE_MS, startKeyRevocationRelay, stopKeyRevocationRelay } from './api-key-cache.ts';
export { insertApiKey } from './api-keys.service.ts';
export { insertUser } from './users.service.ts';
export { registerAccessJobs, scheduleAccessJobs } from './access.jobs.ts';
export { openSession, revokeSession, setPasswordLoginGuard, type PasswordLoginGuard } from './sessions.service.ts';
export {
  disableUser,
  enableUser,
  findUserByEmail,
  findUserById,
  insertPasswordlessUser,
  setUserEmail,
  type UserRecord,
} from './user-lifecycle.ts';
