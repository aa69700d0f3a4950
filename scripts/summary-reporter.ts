import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Writes pass/fail counts, and the name of each failed test, where scripts/test.mjs can add them to its
 * closing `N passed, N failed` line. The names matter in CI, whose record keeps only the end of the output.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    const failures: string[] = unhandledErrors.map((e) => `unhandled error: ${e instanceof Error ? e.message : String(e)}`);
    for (const mod of modules) {
      // A file that failed to load has no test cases but must still count as a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) {
        failed++;
        failures.push(`${mod.relativeModuleId}: the file failed to load`);
      }
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') {
          failed++;
          failures.push(`${mod.relativeModuleId} > ${test.fullName}`);
        }
      }
    }
    const out = process.env.LODESTAR_TEST_SUMMARY;
    if (out) fs.writeFileSync(out, JSON.stringify({ passed, failed, failures }));
  }
}
