import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

// `npm ci` installs exactly the lock. An `npm install` on one platform can leave other platforms' optional
// native packages (esbuild, rollup, DuckDB, the jieba segmenter) out of it, and then a fresh machine of another
// kind cannot install at all. This keeps the lock whole: every optional dependency of every locked package is
// itself locked, with its integrity, where Node's resolution would find it.

interface Locked {
  optionalDependencies?: Record<string, string>;
  integrity?: string;
  resolved?: string;
  link?: boolean;
}
const lock = JSON.parse(fs.readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as { lockfileVersion: number; packages: Record<string, Locked> };

/** Where Node would find `dep` required from the package at `path`: its own node_modules, then each one above. */
function resolveIn(path: string, dep: string): Locked | undefined {
  let dir = path;
  for (;;) {
    const found = lock.packages[dir ? `${dir}/node_modules/${dep}` : `node_modules/${dep}`];
    if (found) return found;
    if (!dir) return undefined;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

describe('package-lock.json', () => {
  it('locks every optional dependency of every package, with its integrity, for every platform', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
    const missing: string[] = [];
    let checked = 0;
    for (const [path, pkg] of Object.entries(lock.packages)) {
      for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
        checked++;
        const found = resolveIn(path, dep);
        if (!found || (!found.link && !found.integrity)) missing.push(`${path || '(root)'} → ${dep}`);
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('has the native builds of Linux, macOS and Windows for the bundler', () => {
    for (const platform of ['linux-x64', 'linux-arm64', 'darwin-arm64', 'darwin-x64', 'win32-x64']) {
      expect(lock.packages[`node_modules/@esbuild/${platform}`]?.integrity, platform).toBeTruthy();
    }
  });
});
