/**
 * Writes an import's chunks, each in its own transaction, with up to `inFlight`
 * of them committing at once: on PostgreSQL two, so the server inserts one
 * chunk while this process parses and validates the next (the import was
 * waiting on the database more than half of its time); PGlite runs in this
 * thread, so one. A chunk refused for a unique conflict while another was in
 * flight (the same idempotency key in two chunks of one file) is written again
 * alone once the others are in, so concurrency never turns a duplicate into an error.
 */
export type ChunkOutcome = 'written' | 'conflict';

export class ChunkWriter<C> {
  private readonly running = new Set<Promise<void>>();
  private readonly retries: C[] = [];
  private failure: unknown = null;

  constructor(
    /** Writes a chunk; with `isAlone` false it may answer 'conflict' instead of reporting its rows as refused. */
    private readonly write: (chunk: C, isAlone: boolean) => Promise<ChunkOutcome>,
    private readonly inFlight: number,
  ) {}

  async add(chunk: C): Promise<void> {
    while (this.running.size >= this.inFlight) await Promise.race(this.running);
    this.throwIfFailed();
    const job: Promise<void> = this.write(chunk, this.inFlight === 1)
      .then((outcome) => void (outcome === 'conflict' && this.retries.push(chunk)))
      .catch((err: unknown) => void (this.failure ??= err))
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** Waits for every chunk, then writes the conflicted ones one at a time. */
  async finish(): Promise<void> {
    await Promise.all(this.running);
    this.throwIfFailed();
    for (const chunk of this.retries.splice(0)) await this.write(chunk, true);
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }
}
