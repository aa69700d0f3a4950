/**
 * Where the server's log goes, and in what shape.
 *
 * JSON lines (pino's own) for machines: when stdout is not a terminal (a
 * service manager, a container, a pipe) or when LODESTAR_LOG_FORMAT=json.
 * On a terminal, a newcomer running `npm start` sees the banner, then one short
 * line per warning or error (`12:04:31 WARN  job failed: smtp timeout (job=…)`),
 * not a JSON object per request.
 */
import { Writable } from 'node:stream';

export type LogFormat = 'auto' | 'json' | 'pretty';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const WARN = 40;
/** Fields worth a glance on the short line: what failed and where. */
const CONTEXT_FIELDS = ['job', 'event', 'handler', 'jobId', 'eventId', 'orgId', 'attempt', 'status'];

/** A stream for pino, or undefined to keep its JSON on stdout. */
export function logDestination(format: LogFormat, out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout): Writable | undefined {
  const pretty = format === 'pretty' || (format === 'auto' && out.isTTY === true);
  if (!pretty) return undefined;
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        const text = shortLine(line);
        if (text) out.write(text + '\n');
      }
      done();
    },
  });
}

/** One line for a warning or worse; null for anything quieter or unreadable. */
export function shortLine(jsonLine: string): string | null {
  if (!jsonLine.trim()) return null;
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine; // not ours to judge: show it as it came
  }
  const level = typeof record.level === 'number' ? record.level : 0;
  if (level < WARN) return null;
  const time = new Date(typeof record.time === 'number' ? record.time : Date.now()).toTimeString().slice(0, 8);
  const err = record.err as { message?: string } | undefined;
  const message = [record.msg, err?.message].filter((part) => typeof part === 'string' && part).join(': ');
  const context = CONTEXT_FIELDS.filter((k) => record[k] !== undefined && record[k] !== null).map((k) => `${k}=${String(record[k])}`);
  return `${time} ${(LEVELS[level] ?? String(level)).padEnd(5)} ${message || '(no message)'}${context.length ? ` (${context.join(', ')})` : ''}`;
}
