import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createThrowawayDatabase, ensureWebBuild, launchChromium, startServer, type RunningServer, type ThrowawayDatabase } from './helpers.ts';

/**
 * The demo organisation in headless Chromium for one browser test file: before its tests, builds the web app,
 * starts a server (on a throwaway PostgreSQL database when DATABASE_URL is set, else PGlite) and Chromium, and
 * makes the screenshot folder; after them, closes all three. Starting seeds the whole demo, which takes minutes
 * on a busy two-core machine, hence the long timeouts. Read `server` and `browser` inside tests and hooks only.
 */
export function demoInBrowser(shots: string): { readonly server: RunningServer; readonly browser: Browser } {
  let database: ThrowawayDatabase | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureWebBuild();
    fs.mkdirSync(shots, { recursive: true });
    if (process.env.DATABASE_URL) database = await createThrowawayDatabase(process.env.DATABASE_URL);
    server = await startServer(database ? { DATABASE_URL: database.url } : {}, 360_000);
    browser = await launchChromium();
  }, 420_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  }, 60_000);
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
  };
}
