/**
 * The read side of the outbox: delivers committed events to the handlers
 * registered for their name, each handler exactly once per event.
 *
 * A handler runs in a tenant transaction for the event's organisation that
 * also appends the handler's name to `handled_by`; both commit together or not
 * at all, so a retry never repeats a handler that already succeeded, even when
 * two processes race for the same event.
 */
import type { Clock } from '../clock.ts';
import type { Database, Tx } from '../db/database.ts';
import { onEventCommitted, relayOtherProcessesCommits, type Event } from './outbox.ts';
import { claimEventsOf, markEventsDone, organisationsWithDueEvents, recordEventFailure, type ClaimOptions, type OutboxRow } from './outbox-claims.ts';
import type { Logger } from '../logger.ts';

/** Reacts to one event inside a transaction of the event's organisation; throw to have it retried. */
export type EventHandler<T = unknown> = (event: Event<T>, tx: Tx) => Promise<void>;
/**
 * Reacts to several events of one name and organisation in one transaction, in outbox order (a few
 * statements for the lot instead of a few per event); throw to have each retried on its own.
 */
export type BatchEventHandler<T = unknown> = (events: Event<T>[], tx: Tx) => Promise<void>;

export interface EventBusOptions {
  /** Claims (deliveries) of one event before it is left, with last_error, for an admin. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed event is hidden from other processes; it is picked up again after a crash. */
  leaseMs?: number;
  /** Safety-net poll for events whose wake-up was lost (crash between commit and dispatch). */
  pollMs?: number;
  /** Events claimed at once. Handlers take them in one transaction each, so a backlog drains in a few large steps (500: about 5,000 events/s on PostgreSQL here). */
  batchSize?: number;
}

export interface DrainResult {
  /** Events claimed and processed. */
  events: number;
  /** Events on which every handler has now succeeded. */
  completed: number;
  /** Handler runs that failed (each will be retried after backoff, up to maxAttempts). */
  failures: number;
}

const consoleLogger: Logger = { error: (obj, msg) => console.error(msg, obj) };

/** Delivers outbox events to handlers by name: on demand with `drain()`, or continuously after `start()`. */
export class EventBus {
  private readonly handlers = new Map<string, Map<string, BatchEventHandler>>();
  private readonly options: Required<EventBusOptions>;
  private isRunning = false;
  private isStopping = false;
  private wakeAgain = false;
  private current: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopListening: (() => void) | undefined;
  private stopRelay: Promise<() => Promise<void>> | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger = consoleLogger,
    options: EventBusOptions = {},
  ) {
    this.options = {
      maxAttempts: 10,
      baseBackoffMs: 1000,
      maxBackoffMs: 3_600_000,
      leaseMs: 300_000,
      pollMs: 500,
      batchSize: 500,
      ...options,
    };
  }

  /** Subscribes a named handler; the name is what `handled_by` records, so keep it stable across releases. */
  on<T>(eventName: string, handlerName: string, handler: EventHandler<T>): this {
    return this.onBatch<T>(eventName, handlerName, async (events, tx) => {
      for (const event of events) await handler(event, tx);
    });
  }

  /** Like `on`, for a handler that takes a transaction's events at once. */
  onBatch<T>(eventName: string, handlerName: string, handler: BatchEventHandler<T>): this {
    const byName = this.handlers.get(eventName) ?? new Map<string, BatchEventHandler>();
    if (byName.has(handlerName)) throw new Error(`handler '${handlerName}' is already registered for '${eventName}'`);
    byName.set(handlerName, handler as BatchEventHandler);
    this.handlers.set(eventName, byName);
    return this;
  }

  /** The event names some handler here waits for (others are for the live stream only, and are never "done"). */
  handledEventNames(): string[] {
    return [...this.handlers.keys()];
  }

  /** Processes every event due now, organisation by organisation and batch by batch, until none is left (tests call it directly). */
  async drain(): Promise<DrainResult> {
    const total: DrainResult = { events: 0, completed: 0, failures: 0 };
    while (!this.isStopping && this.handlers.size > 0) {
      const claim = this.claimOptions();
      let claimedAny = false;
      for (const orgId of await organisationsWithDueEvents(this.db, claim)) {
        if (this.isStopping) break;
        const batch = await claimEventsOf(this.db, orgId, claim);
        if (batch.length === 0) continue; // another process holds them
        claimedAny = true;
        await this.process(orgId, batch, total);
      }
      if (!claimedAny) break;
    }
    return total;
  }

  private async process(orgId: string, batch: OutboxRow[], total: DrainResult): Promise<void> {
    const { errors, done } = await this.deliverBatch(batch);
    const completed: OutboxRow[] = [];
    for (const row of batch) {
      const failed = errors.get(row);
      if (failed) {
        total.failures += failed.length;
        await this.scheduleRetry(row, failed.join('\n'));
      } else completed.push(row);
    }
    await markEventsDone(this.db, orgId, completed.filter((row) => !done.has(row)).map((row) => row.id), this.clock.now());
    total.events += batch.length;
    total.completed += completed.length;
  }

  /** Begins dispatching: at once on every commit that published, here or (PostgreSQL NOTIFY) in another process, and on a poll. */
  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.stopListening = onEventCommitted(() => this.wake());
    this.stopRelay = relayOtherProcessesCommits(this.db).catch((err) => {
      this.logger.error({ err }, 'cannot listen for other processes\' events; relying on the poll');
      return async () => undefined;
    });
    this.wake();
  }

  /** Stops dispatching and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.isRunning = false;
    this.isStopping = true;
    this.stopListening?.();
    await (await this.stopRelay)?.();
    this.stopRelay = undefined;
    clearTimeout(this.timer);
    await this.current;
    this.isStopping = false;
  }

  private wake(): void {
    if (!this.isRunning) return;
    if (this.current) {
      this.wakeAgain = true; // a commit landed mid-drain; drain once more when this one ends
      return;
    }
    clearTimeout(this.timer);
    this.current = this.loop();
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.wakeAgain = false;
        await this.drain();
      } while (this.wakeAgain && this.isRunning);
    } catch (err) {
      this.logger.error({ err }, 'event dispatch failed; will retry on the next poll');
    }
    this.current = undefined;
    if (this.isRunning) this.timer = setTimeout(() => this.wake(), this.options.pollMs).unref();
  }

  /** Due events of names this process has handlers for; events nobody here subscribes to stay pending for a process that does. */
  private claimOptions(): ClaimOptions {
    const now = this.clock.now();
    return {
      now,
      leaseUntil: new Date(now.getTime() + this.options.leaseMs),
      maxAttempts: this.options.maxAttempts,
      limit: this.options.batchSize,
      names: [...this.handlers.keys()],
    };
  }

  /**
   * Runs the handlers of a claimed batch. First, per organisation, every
   * handler in one transaction that also marks the events done: the common
   * case costs one transaction and one rewrite of the outbox rows. When that
   * fails, per organisation and handler, one transaction takes all the events
   * that still need that handler; if that fails too, its events run again one
   * per transaction, so a bad event fails alone and its neighbours are not held back.
   * Handlers run in registration order; returns the errors of events that failed
   * and the events already marked done.
   */
  private async deliverBatch(batch: OutboxRow[]): Promise<{ errors: Map<OutboxRow, string[]>; done: Set<OutboxRow> }> {
    const errors = new Map<OutboxRow, string[]>();
    const done = new Set<OutboxRow>();
    const byOrg = new Map<string, OutboxRow[]>();
    for (const row of batch) byOrg.set(row.org_id, [...(byOrg.get(row.org_id) ?? []), row]);
    for (const [orgId, rows] of byOrg) {
      // A retried event likely fails again: it goes the careful way at once.
      if (rows.every((r) => r.attempts === 1) && (await this.runAllHandlers(orgId, rows))) {
        for (const row of rows) done.add(row);
        continue;
      }
      for (const [eventName, handlers] of this.handlers) {
        for (const [handlerName, handler] of handlers) {
          const due = rows.filter((r) => r.name === eventName && !r.handled_by.includes(handlerName));
          if (due.length === 0) continue;
          try {
            await this.runHandler(orgId, handlerName, handler, due);
          } catch (batchError) {
            for (const row of due) {
              try {
                // Alone, an event that failed its batch runs again; a batch of one already had its try.
                if (due.length === 1) throw batchError;
                await this.runHandler(orgId, handlerName, handler, [row]);
              } catch (err) {
                errors.set(row, [...(errors.get(row) ?? []), `${handlerName}: ${err instanceof Error ? err.message : String(err)}`]);
                this.logger.error(
                  { err, eventId: row.id, event: row.name, orgId, handler: handlerName, attempt: row.attempts },
                  'event handler failed',
                );
              }
            }
          }
        }
      }
    }
    return { errors, done };
  }

  /**
   * The fast path: every handler the events still need, then their done-marks, in one transaction
   * that first locks the rows and checks nobody else handled any of them meanwhile (a lease that ran
   * out). Returns false, having kept nothing, when a handler fails or the rows changed: the careful
   * path then runs (and logs) each handler on its own.
   */
  private async runAllHandlers(orgId: string, rows: OutboxRow[]): Promise<boolean> {
    const ids = rows.map((r) => r.id);
    try {
      await this.db.tenant(orgId, async (tx) => {
        const current = await tx.query<{ id: string; handled_by: string[] }>(
          `SELECT id::text, handled_by FROM outbox_events WHERE org_id = $1 AND id = ANY ($2::bigint[]) AND done_at IS NULL FOR UPDATE`,
          [orgId, ids],
        );
        const claimed = new Map(rows.map((r) => [String(r.id), r.handled_by.join(',')]));
        if (current.length !== rows.length || current.some((c) => claimed.get(c.id) !== c.handled_by.join(','))) throw new Error('batch changed');
        for (const [eventName, handlers] of this.handlers) {
          for (const [handlerName, handler] of handlers) {
            const due = rows.filter((r) => r.name === eventName && !r.handled_by.includes(handlerName));
            if (due.length > 0) await handler(due.map((row) => ({ id: row.id, orgId, name: row.name, payload: row.payload, createdAt: row.created_at })), tx);
          }
        }
        for (const eventName of new Set(rows.map((r) => r.name))) {
          await tx.query(
            `UPDATE outbox_events SET handled_by = ARRAY(SELECT DISTINCT h FROM unnest(handled_by || $3::text[]) AS h ORDER BY h),
               done_at = $4, next_attempt_at = NULL, last_error = NULL
             WHERE org_id = $1 AND id = ANY ($2::bigint[]) AND name = $5`,
            [orgId, ids, [...(this.handlers.get(eventName)?.keys() ?? [])], this.clock.now(), eventName],
          );
        }
      });
    } catch {
      return false; // rolled back: the careful path retries and reports
    }
    for (const row of rows) row.handled_by = [...new Set([...row.handled_by, ...(this.handlers.get(row.name)?.keys() ?? [])])];
    return true;
  }

  /** One transaction: marks the events handled (taking their row locks, so a racing process skips them) and runs the handler on each. */
  private async runHandler(orgId: string, handlerName: string, handler: BatchEventHandler, rows: OutboxRow[]): Promise<void> {
    await this.db.tenant(orgId, async (tx) => {
      const marked = await tx.query<{ id: string }>(
        `UPDATE outbox_events SET handled_by = array_append(handled_by, $3)
          WHERE org_id = $1 AND id = ANY ($2::bigint[]) AND NOT ($3 = ANY (handled_by)) RETURNING id::text`,
        [orgId, rows.map((r) => r.id), handlerName],
      );
      const isMarked = new Set(marked.map((m) => Number(m.id)));
      const events = rows.filter((row) => isMarked.has(Number(row.id))).map((row) => ({ id: row.id, orgId, name: row.name, payload: row.payload, createdAt: row.created_at }));
      if (events.length > 0) await handler(events, tx);
    });
    for (const row of rows) row.handled_by.push(handlerName);
  }

  private async scheduleRetry(row: OutboxRow, lastError: string): Promise<void> {
    const { maxAttempts, baseBackoffMs, maxBackoffMs } = this.options;
    const isGivingUp = row.attempts >= maxAttempts;
    const delay = Math.min(baseBackoffMs * 2 ** (row.attempts - 1), maxBackoffMs);
    await recordEventFailure(this.db, row, isGivingUp ? null : new Date(this.clock.now().getTime() + delay), lastError);
    if (isGivingUp) {
      this.logger.error({ eventId: row.id, event: row.name, orgId: row.org_id, attempts: row.attempts }, 'event handling gave up');
    }
  }
}
