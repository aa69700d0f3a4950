/**
 * The live stream's fan-out: connected viewers grouped by organisation, fed
 * from the transactional outbox (`outbox_events`), so anything a module
 * publishes in its transaction reaches screens after it commits, from this
 * process or another one on the same database.
 *
 * A commit in this process wakes the hub at once; another process's commit
 * arrives as a PostgreSQL notification naming the organisation (relayed by
 * the event bus, see platform/events/outbox.ts); a poll every second is the
 * safety net for a notification lost with its connection. Outbox ids are
 * taken at insert, not at commit, so a slow transaction can commit an id below
 * one already sent: each poll looks a window of ids back and a
 * per-organisation memory of sent ids keeps any event from going out twice.
 */
import type { AppContext } from '../../platform/context.ts';
import { onEventCommitted } from '../../platform/events/index.ts';
import { processMetrics } from '../../platform/observability/index.ts';
import { canSee, streamableEvents, type Viewer } from './audience.ts';

const POLL_MS = 1000;
/** How far below the highest sent id a poll looks again for late commits. */
const LATE_COMMIT_WINDOW = 1000;
const REMEMBERED_IDS = 5000;
/** A reconnecting client gets at most this many missed events, from at most a day back. */
export const REPLAY_LIMIT = 500;
const REPLAY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface StreamClient {
  viewer: Viewer;
  /** Writes one server-sent-events frame. */
  send: (frame: string) => void;
}

interface OrgFeed {
  clients: Set<StreamClient>;
  /** Events up to here existed before the feed started: they are history, for replay only. */
  floorId: number;
  highestId: number;
  sent: Set<number>;
  isPolling: boolean;
  pollAgain: boolean;
}

interface EventRow {
  id: string;
  name: string;
  payload: unknown;
  created_at: Date;
}

export class StreamHub {
  private readonly feeds = new Map<string, OrgFeed>();
  private readonly stopListening: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly ctx: AppContext) {
    this.stopListening = onEventCommitted((orgId) => setImmediate(() => (orgId ? void this.poll(orgId) : this.pollAll())));
    this.timer = setInterval(() => this.pollAll(), POLL_MS);
    this.timer.unref();
  }

  /** Adds a viewer after replaying what they missed since `lastEventId`; returns the function that removes them. */
  async connect(client: StreamClient, lastEventId: number | null): Promise<() => void> {
    const orgId = client.viewer.actor.orgId;
    let feed = this.feeds.get(orgId);
    if (!feed) {
      const [row] = await this.ctx.db.tenant(orgId, (tx) =>
        tx.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM outbox_events WHERE org_id = $1`, [orgId]),
      );
      const max = Number(row?.max ?? 0);
      feed = this.feeds.get(orgId) ?? { clients: new Set(), floorId: max, highestId: max, sent: new Set(), isPolling: false, pollAgain: false };
      this.feeds.set(orgId, feed);
    }
    // The client joins the feed before the replay is read: an event a poll delivers meanwhile (a
    // disconnect the server has not noticed yet keeps the old feed polling) is held back and sent
    // after the replay, unless the replay already carried it.
    const held: string[] = [];
    let holding = lastEventId !== null;
    const member: StreamClient = { viewer: client.viewer, send: (frame) => (holding ? held.push(frame) : client.send(frame)) };
    const joined = feed;
    joined.clients.add(member);
    processMetrics().sseClients.inc();
    const leave = () => {
      if (joined.clients.delete(member)) processMetrics().sseClients.dec();
      if (joined.clients.size === 0 && this.feeds.get(orgId) === joined) this.feeds.delete(orgId);
    };
    if (lastEventId !== null) {
      try {
        const replayed = await this.replay(client, lastEventId, joined.highestId);
        for (const frame of held) if (!replayed.has(idOfFrame(frame))) client.send(frame);
      } catch (err) {
        leave();
        throw err;
      } finally {
        holding = false;
      }
    }
    return leave;
  }

  close(): void {
    this.stopListening();
    clearInterval(this.timer);
    for (const feed of this.feeds.values()) processMetrics().sseClients.dec(feed.clients.size);
    this.feeds.clear();
  }

  /** Sends the events after `afterId` up to `upToId` the viewer may see; returns the ids it sent. */
  private async replay(client: StreamClient, afterId: number, upToId: number): Promise<Set<number>> {
    const orgId = client.viewer.actor.orgId;
    const since = new Date(this.ctx.clock.now().getTime() - REPLAY_WINDOW_MS);
    const rows = await this.ctx.db.tenant(orgId, (tx) =>
      tx.query<EventRow>(
        `SELECT id::text, name, payload, created_at FROM outbox_events
         WHERE org_id = $1 AND id > $2 AND id <= $3 AND name = ANY($4::text[]) AND created_at > $5 ORDER BY id LIMIT $6`,
        [orgId, afterId, upToId, streamableEvents(), since, REPLAY_LIMIT],
      ),
    );
    const sent = new Set<number>();
    for (const row of rows) {
      if (!canSee(client.viewer, row.name, row.payload)) continue;
      client.send(frameOf(row));
      sent.add(Number(row.id));
    }
    return sent;
  }

  private pollAll(): void {
    for (const orgId of this.feeds.keys()) void this.poll(orgId);
  }

  private async poll(orgId: string): Promise<void> {
    const feed = this.feeds.get(orgId);
    if (!feed) return;
    if (feed.isPolling) {
      feed.pollAgain = true;
      return;
    }
    feed.isPolling = true;
    try {
      do {
        feed.pollAgain = false;
        const rows = await this.ctx.db.tenant(orgId, (tx) =>
          tx.query<EventRow>(
            `SELECT id::text, name, payload, created_at FROM outbox_events
             WHERE org_id = $1 AND id > $2 AND name = ANY($3::text[]) ORDER BY id LIMIT 1000`,
            [orgId, Math.max(feed.floorId, feed.highestId - LATE_COMMIT_WINDOW), streamableEvents()],
          ),
        );
        for (const row of rows) this.deliver(feed, row);
      } while (feed.pollAgain);
    } catch {
      // A failed poll (a restarting database) is retried by the next tick; clients stay connected.
    } finally {
      feed.isPolling = false;
    }
  }

  private deliver(feed: OrgFeed, row: EventRow): void {
    const id = Number(row.id);
    if (feed.sent.has(id) || id <= feed.floorId || id <= feed.highestId - LATE_COMMIT_WINDOW) return;
    feed.sent.add(id);
    if (feed.sent.size > REMEMBERED_IDS) feed.sent.delete(feed.sent.values().next().value!);
    feed.highestId = Math.max(feed.highestId, id);
    const frame = frameOf(row);
    for (const client of feed.clients) if (canSee(client.viewer, row.name, row.payload)) client.send(frame);
  }
}

/** `id`, `event` and one `data` line of JSON: what EventSource hands to a listener, with the id it resends on reconnect. */
function frameOf(row: EventRow): string {
  const data = JSON.stringify({ id: row.id, name: row.name, payload: row.payload, createdAt: row.created_at.toISOString() });
  return `id: ${row.id}\nevent: ${row.name}\ndata: ${data}\n\n`;
}

function idOfFrame(frame: string): number {
  return Number(/^id: (\d+)/.exec(frame)?.[1]);
}
