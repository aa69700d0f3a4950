// One app node for several-nodes.test.ts and bench/nodes.bench.ts: what `lodestar start` runs (migrate, compose
// the server, start dispatch and jobs, listen), without the demo, plus a recurring probe job that records each run
// in `probe_runs` (created by the caller) so a test can see that every occurrence ran on exactly one node.
// LODESTAR_NODE_NAME names the node; LODESTAR_NODE_POLL_ONLY=1 leaves LISTEN/NOTIFY out (the poll-only baseline).
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, startBackgroundWork, stopBackgroundWork } from '../server/main.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/open-database.ts';

const PROBE_JOB = 'test.cluster-probe';
const PROBE_INTERVAL_MS = 150;

const config = loadConfig();
const node = process.env.LODESTAR_NODE_NAME ?? String(process.pid);
const { db } = await openDatabase(config);
if (process.env.LODESTAR_NODE_POLL_ONLY === '1') db.listen = async () => async () => undefined;
const server = await createServer(config, db);
server.ctx.jobs.register(PROBE_JOB, async (job) => {
  await sleep(20); // long enough for a second node to try the same occurrence if claims were not exclusive
  await db.system((tx) => tx.query(`INSERT INTO probe_runs (node, due_at) VALUES ($1, $2)`, [node, job.runAt]));
});
await startBackgroundWork(server.ctx);
if (process.env.LODESTAR_NODE_PROBE === '1') await server.ctx.jobs.every(PROBE_JOB, PROBE_INTERVAL_MS);
await server.app.listen({ port: config.PORT, host: '127.0.0.1' });
console.log(`node ${node} ready on port ${config.PORT}`);

const stop = async () => {
  await server.app.close();
  await stopBackgroundWork(server.ctx);
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
