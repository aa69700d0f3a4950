import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/platform/db/open-database.ts';

// `lodestar import` end to end on a fresh PGlite directory, whatever database the suite runs on.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lodestar-import-'));
const env: NodeJS.ProcessEnv = { ...process.env, LODESTAR_DATA_DIR: path.join(dataDir, 'db') };
delete env.DATABASE_URL;

function lodestar(...args: string[]) {
  const res = spawnSync('node', ['bin/lodestar.js', ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

function writeCsv(name: string, lines: string[]): string {
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

beforeAll(() => {
  const demo = lodestar('demo');
  expect(demo.status, demo.stderr).toBe(0);
}, 180_000);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('lodestar import', () => {
  it('imports customers, then interactions that name them by externalId, reporting bad rows and writing the rest to a file', { timeout: 180_000 }, () => {
    const customers = writeCsv('customers.csv', ['externalId,name,segment', 'CLI-1,陈静,gold', 'CLI-2,"Wang, Lei",silver', 'CLI-3,Zhao,']);
    const first = lodestar('import', 'customers', customers, '--org', 'demo');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('imported 3, 0 errors');
    expect(first.stderr).toContain('3/3 rows  100%');

    const lines = ['externalId,customerExternalId,type,channel,touchpoint,amount,occurredAt'];
    for (let i = 1; i <= 5; i++) lines.push(`CLI-ORDER-${i},CLI-${(i % 3) + 1},purchase,app,checkout,${i * 10},2026-01-0${i} 12:00`);
    for (let i = 1; i <= 60; i++) lines.push(`CLI-BAD-${i},CLI-1,purchase,app,checkout,-${i},2026-01-05 12:00`);
    const interactions = writeCsv('interactions.csv', lines);
    const second = lodestar('import', 'interactions', interactions);
    expect(second.status, second.stderr).toBe(0);
    const out = second.stdout.split('\n');
    expect(out[0]).toBe('imported 5, 60 errors');
    expect(out.filter((l) => l.startsWith('  row '))).toHaveLength(50);
    expect(out[1]).toMatch(/^ {2}row 6: amount: /);
    expect(second.stdout).toContain(`… and 10 more: all 60 row errors are in ${interactions}.errors.csv`);
    const written = fs.readFileSync(`${interactions}.errors.csv`, 'utf8').trim().split('\n');
    expect(written).toHaveLength(61);
    expect(written[0]).toBe('row,error');
    expect(written[60]).toMatch(/^65,"amount: /);
    expect(second.stderr).toContain('65/65 rows  100%');
  });

  it('exits 1 with one clear line when the file, the header or the organisation is wrong, or no row could be imported', { timeout: 180_000 }, () => {
    const missing = lodestar('import', 'customers', path.join(dataDir, 'nope.csv'));
    expect([missing.status, missing.stderr.trim()]).toEqual([1, `lodestar: cannot read ${path.join(dataDir, 'nope.csv')}: no such file`]);
    const noColumn = lodestar('import', 'interactions', writeCsv('no-time.csv', ['customerExternalId,type,channel,touchpoint', 'CLI-1,a,b,c']));
    expect([noColumn.status, noColumn.stderr.trim()]).toEqual([1, 'lodestar: missing required column(s): occurredAt']);
    const allBad = lodestar('import', 'customers', writeCsv('all-bad.csv', ['name,email', 'x,not-mail']));
    expect([allBad.status, allBad.stdout.split('\n')[0]]).toEqual([1, 'imported 0, 1 error']);
    const org = lodestar('import', 'customers', writeCsv('c.csv', ['name', 'x']), '--org', 'nope');
    expect([org.status, org.stderr.trim()]).toEqual([1, 'lodestar: no organisation with slug "nope"']);
  });

  it('imports history without opening cases and says how many answers were too old for the alert rules', { timeout: 180_000 }, async () => {
    const opened = await openDatabase({ LODESTAR_DATA_DIR: env.LODESTAR_DATA_DIR! });
    const { surveyId, employeeId, orgId } = await opened.db.system(async (tx) => {
      const [row] = await tx.query<{ org_id: string; survey_id: string; employee_id: string }>(
        `SELECT r.org_id, r.survey_id, r.employee_id FROM responses r JOIN organisations o ON o.id = r.org_id
         WHERE o.slug = 'demo' AND r.nps IS NOT NULL AND r.employee_id IS NOT NULL LIMIT 1`,
      );
      return { orgId: row!.org_id, surveyId: row!.survey_id, employeeId: row!.employee_id };
    });
    await opened.db.close();
    const rows = [0, 1, 2].map((i) => `${surveyId},${employeeId},cli-history,2025-0${i + 3}-10T12:00:00Z,${i}`);
    const history = lodestar('import', 'responses', writeCsv('history.csv', ['surveyId,employeeId,touchpoint,submittedAt,nps', ...rows, `${surveyId},${employeeId},cli-history,,1`]));
    expect(history.status, history.stderr).toBe(0);
    expect(history.stdout).toContain('imported 4, 0 errors');
    expect(history.stdout).toContain("3 of them older than the alert rules' maxAgeHours: no case opened for those");
    const quiet = lodestar('import', 'responses', writeCsv('quiet.csv', ['surveyId,employeeId,touchpoint,nps', `${surveyId},${employeeId},cli-quiet,0`]), '--no-rules');
    expect(quiet.stdout).toContain('alert rules were not run (--no-rules): no cases opened');

    const check = await openDatabase({ LODESTAR_DATA_DIR: env.LODESTAR_DATA_DIR! });
    const cases = await check.db.tenant(orgId, (tx) =>
      tx.query<{ touchpoint: string; n: number }>(
        `SELECT r.touchpoint, count(c.id)::int AS n FROM responses r LEFT JOIN cases c ON c.org_id = r.org_id AND c.response_id = r.id
         WHERE r.org_id = $1 AND r.touchpoint IN ('cli-history', 'cli-quiet') GROUP BY 1 ORDER BY 1`,
        [orgId],
      ),
    );
    await check.db.close();
    // Only the fresh detractor (no submittedAt: now) opened a case.
    expect(cases).toEqual([{ touchpoint: 'cli-history', n: 1 }, { touchpoint: 'cli-quiet', n: 0 }]);
  });
});
