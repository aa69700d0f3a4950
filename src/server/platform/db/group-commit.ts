/**
 * Group commit: many concurrent single writes of one organisation share one
 * transaction, and each caller is answered only after that COMMIT succeeded.
 *
 * Why: a commit waits for the write-ahead log to reach the disk (an fsync,
 * milliseconds on PostgreSQL), and PGlite runs one transaction at a time, so
 * one-row-per-commit ingestion is bounded by commits per second. Gathering the
 * writes that arrive while a transaction is committing ("leader/follower":
 * the next group forms while the current one commits) pays that price once per
 * group instead of once per write, without delaying a lone write: an idle
 * organisation's first write starts at the next turn of the event loop.
 *
 * On PostgreSQL several groups of one organisation may be in flight at once
 * (`maxInFlight`, like a small connection pool): a commit's wait for the disk
 * then overlaps the next group's statements. Items of concurrent groups are
 * independent; a unique key two of them race for fails one group, whose items
 * are retried alone as below.
 *
 * Durability is unchanged: a caller's promise resolves after COMMIT, never
 * before, so an acknowledged write survives a crash. Isolation is kept per
 * item: `apply` reports each item's outcome (an item it refuses must leave no
 * writes behind), and if the whole transaction fails anyway (a constraint, a
 * deferred check at COMMIT, a lost connection), its items are retried one by
 * one in their own transactions, so a single bad item cannot sink its group.
 */
import type { Database, Tx } from './database.ts';
import { processMetrics } from '../observability/index.ts';

/** What happened to one item of a group: its result, or the error that refused it alone. */
export type ItemOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<I, R> {
  /** Writes the items in the given transaction and returns one outcome per item, in order. */
  apply: (tx: Tx, items: I[]) => Promise<ItemOutcome<R>[]>;
  /** Most items in one transaction (default 500). */
  maxBatch?: number;
  /** How long an idle organisation's first write waits for company (default 0: the next event-loop turn). */
  maxWaitMs?: number;
  /** Groups of one organisation committing at the same time (default 1; PGlite runs one transaction at a time anyway). */
  maxInFlight?: number;
}

export interface GroupCommitStats {
  /** Transactions started, including one-by-one retries. */
  transactions: number;
  items: number;
  /** Items retried alone after their group's transaction failed. */
  retriedAlone: number;
}

interface Pending<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

/** The writes waiting for one organisation, and whether a transaction of theirs is running. */
interface Lane<I, R> {
  queue: Pending<I, R>[];
  /** Cancels the scheduled start of the next group, when one is scheduled. */
  cancelStart: (() => void) | null;
  /** Groups of this lane in their transaction now. */
  inFlight: number;
}

/** Gathers concurrent writes per organisation into shared transactions (see the file comment). */
export class GroupCommitter<I, R> {
  readonly stats: GroupCommitStats = { transactions: 0, items: 0, retriedAlone: 0 };
  private readonly lanes = new Map<string, Lane<I, R>>();
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly db: Database,
    private readonly options: GroupCommitOptions<I, R>,
  ) {
    this.maxBatch = Math.max(1, options.maxBatch ?? 500);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 0);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  }

  /** Queues one write; resolves with its result after the transaction holding it committed, or rejects with its own error. */
  submit(orgId: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.stats.items++;
      const lane = this.laneOf(orgId);
      lane.queue.push({ item, resolve, reject });
      if (lane.inFlight >= this.maxInFlight) return; // joins the group that forms while the current ones commit
      if (!lane.cancelStart) this.scheduleStart(orgId, lane);
      else if (lane.queue.length >= this.maxBatch) this.startNow(orgId, lane);
    });
  }

  /** Queues many writes at once (they fill groups of `maxBatch`); one outcome per item, in order, once all are settled. */
  submitAll(orgId: string, items: I[]): Promise<ItemOutcome<R>[]> {
    return Promise.all(
      items.map((item) =>
        this.submit(orgId, item).then(
          (value): ItemOutcome<R> => ({ ok: true, value }),
          (error: unknown): ItemOutcome<R> => ({ ok: false, error }),
        ),
      ),
    );
  }

  private laneOf(orgId: string): Lane<I, R> {
    let lane = this.lanes.get(orgId);
    if (!lane) {
      lane = { queue: [], cancelStart: null, inFlight: 0 };
      this.lanes.set(orgId, lane);
    }
    return lane;
  }

  private scheduleStart(orgId: string, lane: Lane<I, R>): void {
    if (this.maxWaitMs > 0) {
      const timer = setTimeout(() => this.startNow(orgId, lane), this.maxWaitMs);
      lane.cancelStart = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(() => this.startNow(orgId, lane));
      lane.cancelStart = () => clearImmediate(immediate);
    }
  }

  /** Starts groups while there are waiting writes and free slots; a finished group starts the next. */
  private startNow(orgId: string, lane: Lane<I, R>): void {
    lane.cancelStart?.();
    lane.cancelStart = null;
    while (lane.inFlight < this.maxInFlight && lane.queue.length > 0) {
      lane.inFlight++;
      void this.commitGroup(orgId, lane.queue.splice(0, this.maxBatch)).then(() => {
        lane.inFlight--;
        if (lane.queue.length > 0) this.startNow(orgId, lane);
        else if (lane.inFlight === 0 && !lane.cancelStart) this.lanes.delete(orgId);
      });
    }
  }

  /** Settles every caller of the group; never throws. */
  private async commitGroup(orgId: string, group: Pending<I, R>[]): Promise<void> {
    processMetrics().ingestGroupSize.observe(group.length);
    try {
      settle(group, await this.runTransaction(orgId, group));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      this.stats.retriedAlone += group.length;
      for (const pending of group) {
        try {
          settle([pending], await this.runTransaction(orgId, [pending]));
        } catch (aloneError) {
          pending.reject(aloneError);
        }
      }
    }
  }

  private runTransaction(orgId: string, group: Pending<I, R>[]): Promise<ItemOutcome<R>[]> {
    this.stats.transactions++;
    return this.db.tenant(orgId, async (tx) => {
      const outcomes = await this.options.apply(
        tx,
        group.map((p) => p.item),
      );
      // Thrown inside the transaction, so a broken apply rolls its group back.
      if (outcomes.length !== group.length) throw new Error(`group commit: apply returned ${outcomes.length} outcomes for ${group.length} items`);
      return outcomes;
    });
  }
}

function settle<I, R>(group: Pending<I, R>[], outcomes: ItemOutcome<R>[]): void {
  group.forEach((pending, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) pending.resolve(outcome.value);
    else pending.reject(outcome.error);
  });
}
