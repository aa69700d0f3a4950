import { createServer, startBackgroundWork, stopBackgroundWork, WEB_DIR } from '../server/main.ts';
import type { Config } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/open-database.ts';
import { describeCounts, seedDemo } from '../server/demo/seed-demo.ts';
import fs from 'node:fs';
import path from 'node:path';

/** `lodestar start`: migrate, seed the demo into an empty database, serve, and shut down cleanly on a signal. */
export async function runStart(config: Config): Promise<void> {
  const started = performance.now();
  const { db } = await openDatabase(config);
  const server = await createServer(config, db, { webDir: WEB_DIR });
  // Several nodes may start together on an empty database: one seeds the demo, the others find it there.
  const demo = await db.singleton('demo-seed', async () => {
    const [row] = await db.system((tx) => tx.query<{ count: number }>('SELECT count(*)::int AS count FROM organisations'));
    return row!.count === 0 ? seedDemo(server.ctx) : null;
  });
  await startBackgroundWork(server.ctx);
  const address = await server.app.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('://127.0.0.1', '://localhost');

  const lines = [
    '',
    `  Lodestar 北极星 is running at ${url}`,
    `  database: ${db.kind === 'pglite' ? `PGlite in ${path.resolve(config.LODESTAR_DATA_DIR)} (one process; set DATABASE_URL to run several nodes)` : 'PostgreSQL (DATABASE_URL): other nodes may share it'}`,
    `  API docs: ${url}/api/v1/docs`,
    `  metrics: ${url}/metrics (Prometheus${config.LODESTAR_METRICS_TOKEN ? ', bearer token' : ''})`,
    `  started in ${Math.round(performance.now() - started)} ms`,
  ];
  if (!fs.existsSync(path.join(WEB_DIR, 'index.html'))) lines.push('  (web app not built: run `npm run build:web`; the API works without it)');
  if (demo) {
    lines.push('', '  Created the demo organisation 星辰零售 (Xingchen Retail).');
    if (demo.counts) lines.push(`  Demo data: ${describeCounts(demo.counts)}.`);
    lines.push('  Log in with:');
    for (const l of demo.logins) lines.push(`    ${l.role.padEnd(8)} ${l.email}  password: ${l.password}`);
  }
  console.log(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`received ${signal}, shutting down`);
    await server.app.close();
    await stopBackgroundWork(server.ctx);
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
