#!/usr/bin/env node
// Builds the web front end (dist/web) when it is missing or older than its sources; otherwise exits at once.
// Run by `npm start` before the server, and by the browser test. `--force` builds regardless.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(repoRoot, 'dist/web/index.html');
const sources = [join(repoRoot, 'src/web'), join(repoRoot, 'vite.config.ts')];

/** Newest modification time (ms) of a file or of any file below a folder; 0 when absent. */
function newestMtime(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs; // a deleted file shows only as a newer folder
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const builtAt = newestMtime(builtIndex);
const sourcesAt = Math.max(...sources.map(newestMtime));
const isForced = process.argv.includes('--force');

if (!isForced && builtAt > 0 && builtAt >= sourcesAt) process.exit(0);

const reason = isForced ? 'forced' : builtAt === 0 ? 'no build yet' : 'sources changed';
process.stdout.write(`lodestar: building the web UI (${reason}) into ${relative(process.cwd(), join(repoRoot, 'dist/web')) || '.'} ... `);
const startedAt = Date.now();
try {
  const { build } = await import('vite');
  await build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'error' });
  process.stdout.write(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
} catch (error) {
  process.stdout.write('failed\n');
  console.error(error);
  process.exit(1);
}
