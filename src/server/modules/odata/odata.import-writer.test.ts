import { describe, expect, it } from 'vitest';
import { ChunkWriter, type ChunkOutcome } from './odata.import-writer.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ChunkWriter', () => {
  it('keeps at most inFlight writes running and retries a conflicted chunk alone once the others are in', async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const writer = new ChunkWriter<string>(async (chunk, isAlone): Promise<ChunkOutcome> => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${chunk}${isAlone ? ' alone' : ''}`);
      await tick();
      running--;
      log.push(`end ${chunk}`);
      return chunk === 'b' && !isAlone ? 'conflict' : 'written';
    }, 2);
    for (const chunk of ['a', 'b', 'c', 'd']) await writer.add(chunk);
    await writer.finish();
    expect(most).toBe(2);
    // b is written again, alone, after every other chunk ended.
    expect(log.slice(-2)).toEqual(['start b alone', 'end b']);
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(5);
  });

  it('writes one at a time and never retries when inFlight is 1 (a conflict then is final)', async () => {
    const calls: Array<[string, boolean]> = [];
    const writer = new ChunkWriter<string>(async (chunk, isAlone) => (calls.push([chunk, isAlone]), 'written'), 1);
    await writer.add('a');
    await writer.add('b');
    await writer.finish();
    expect(calls).toEqual([['a', true], ['b', true]]);
  });

  it('stops the import with the first failure of a write', async () => {
    const writer = new ChunkWriter<string>(async (chunk) => {
      await tick();
      if (chunk === 'a') throw new Error('disk full');
      return 'written';
    }, 2);
    await writer.add('a');
    await writer.add('b');
    await expect(writer.add('c').then(() => writer.finish())).rejects.toThrow('disk full');
  });
});
