// `npm test`: type-check, lint, then every test (unit, API, browser) on a real database.
// Ends with the line `N passed, N failed` that CI reads; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const summaryFile = path.join(os.tmpdir(), `lodestar-test-summary-${process.pid}.json`);
let passed = 0;
let failed = 0;

function check(name, cmd, args) {
  console.log(`\n> ${name}`);
  const { status } = spawnSync(cmd, args, { stdio: 'inherit' });
  if (status === 0) passed++;
  else {
    failed++;
    console.log(`${name} failed`);
  }
}

check('typecheck', 'node_modules/.bin/tsc', ['--noEmit', '-p', '.']);
check('lint (module boundaries)', 'node_modules/.bin/eslint', ['.']);

console.log(`\n> vitest ${process.env.DATABASE_URL ? '(PostgreSQL)' : '(PGlite)'}`);
const run = spawnSync('node_modules/.bin/vitest', ['run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, LODESTAR_TEST_SUMMARY: summaryFile },
});
if (fs.existsSync(summaryFile)) {
  const s = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  fs.rmSync(summaryFile);
  passed += s.passed;
  failed += s.failed;
  for (const name of s.failures ?? []) console.log(`failed test: ${name}`);
}
if (run.status !== 0 && failed === 0) failed++; // vitest itself broke before reporting
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
