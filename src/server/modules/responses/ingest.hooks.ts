/**
 * Work other modules do in the very transaction that writes responses, before
 * it commits: what must be true the moment a response is acknowledged (the
 * cases module opens the case for a detractor here, so it reaches the serving
 * employee's live stream with the commit instead of after the outbox backlog).
 * A hook that throws fails its group, which the group committer then retries
 * one response at a time, so one bad response cannot hold back the others.
 * Keep hooks to a few statements per group: they add to every ingest.
 */
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { ResponseSubmitted } from './ingest.write.ts';

/** What hooks tell the caller about a group, summed over groups (an import reports them). */
export interface IngestNotes {
  /** Responses no enabled alert rule looked at because they were older than its `maxAgeHours`. */
  tooOldForRules: number;
}

export type ResponsesWrittenHook = (tx: Tx, written: ResponseSubmitted[]) => Promise<Partial<IngestNotes> | void>;

/** Adds a hook's notes to the caller's running totals (when the caller keeps any). */
export function addNotes(into: IngestNotes | undefined, from: Partial<IngestNotes> | void): void {
  if (into && from) into.tooOldForRules += from.tooOldForRules ?? 0;
}

const hooksByApp = new WeakMap<AppContext, ResponsesWrittenHook[]>();

/** Runs `hook` in every transaction that writes responses for this app, after the rows and their events. */
export function onResponsesWritten(ctx: AppContext, hook: ResponsesWrittenHook): void {
  writtenHooksOf(ctx).push(hook);
}

/** The app's hooks, in registration order (a live list: hooks registered later still run). */
export function writtenHooksOf(ctx: AppContext): ResponsesWrittenHook[] {
  let hooks = hooksByApp.get(ctx);
  if (!hooks) hooksByApp.set(ctx, (hooks = []));
  return hooks;
}
