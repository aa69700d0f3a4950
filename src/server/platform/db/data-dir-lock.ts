import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite is a single-process database: a second process opening the same
 * directory would corrupt it. A lock file holding the owner's pid makes the
 * second process fail with a message saying what to do instead.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'lodestar.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockFile, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirInUseError(dataDir, owner);
      }
      fs.rmSync(lockFile, { force: true }); // stale: its owner died without cleaning up (e.g. kill -9)
    }
  }
  throw new DataDirInUseError(dataDir, 0);
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The data directory ${path.resolve(dataDir)} is already open in another Lodestar process` +
        (pid ? ` (pid ${pid})` : '') +
        `. Embedded PGlite allows one process at a time: stop that process first, ` +
        `set LODESTAR_DATA_DIR to another directory, or set DATABASE_URL to use a PostgreSQL server.`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
