import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import type { Database } from './platform/db/database.ts';
import { createHttpApp, type HttpApp } from './platform/http/app.ts';
import { registerHealthRoute } from './platform/http/health.ts';
import { createAuthenticator, registerAccessRoutes } from './modules/access/index.ts';
import { registerOrgRoutes } from './modules/org/index.ts';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface Server {
  app: HttpApp;
  ctx: AppContext;
}

/** Composes the platform and every capability module into one HTTP app. */
export async function createServer(config: Config, db: Database, options: { clock?: Clock; webDir?: string } = {}): Promise<Server> {
  const ctx: AppContext = { db, clock: options.clock ?? systemClock, config };
  const app = await createHttpApp({
    authenticator: createAuthenticator(ctx),
    logLevel: config.LODESTAR_LOG_LEVEL,
    webDir: options.webDir,
  });
  registerHealthRoute(app, db);
  registerAccessRoutes(app, ctx);
  registerOrgRoutes(app, ctx);
  await app.ready();
  return { app, ctx };
}
