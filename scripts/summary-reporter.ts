import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** Writes pass/fail counts where scripts/test.mjs can add them to its closing `N passed, N failed` line. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    for (const mod of modules) {
      // A file that failed to load has no test cases but must still count as a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
      }
    }
    const out = process.env.LODESTAR_TEST_SUMMARY;
    if (out) fs.writeFileSync(out, JSON.stringify({ passed, failed }));
  }
}
