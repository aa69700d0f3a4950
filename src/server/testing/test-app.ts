import { TestClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { createTestDatabase } from '../platform/testing/test-database.ts';
import { createServer, type Server } from '../main.ts';

export interface TestApp extends Server {
  clock: TestClock;
  close(): Promise<void>;
}

/** The whole server on a fresh database with a clock the test moves; requests go through `app.inject`. `env` overrides configuration. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const clock = new TestClock();
  const config = loadConfig({ ...process.env, LODESTAR_LOG_LEVEL: 'silent', ...env });
  const server = await createServer(config, testDb.db, { clock });
  return {
    ...server,
    clock,
    async close() {
      await server.app.close();
      await testDb.close();
    },
  };
}
