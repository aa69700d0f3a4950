// Starting app nodes as separate processes on one PostgreSQL database, and reading their live stream,
// for several-nodes.test.ts and bench/nodes.bench.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const NODE_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'several-nodes.node.ts');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ClusterDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database beside `serverUrl` (the nodes migrate it as they start), with the probe job's table. */
export async function createClusterDatabase(serverUrl: string): Promise<ClusterDatabase> {
  const name = `lodestar_nodes_${randomBytes(5).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await withClient(url.toString(), (c) => c.query(`CREATE TABLE probe_runs (node text NOT NULL, due_at timestamptz, ran_at timestamptz NOT NULL DEFAULT clock_timestamp())`));
  return { url: url.toString(), drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface AppNode {
  name: string;
  base: string;
  process: ChildProcess;
  /** stderr and stdout so far, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

/** Starts one node on a free port and resolves once it answers /api/v1/health. */
export async function startNode(databaseUrl: string, name: string, env: Record<string, string> = {}): Promise<AppNode> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', NODE_SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LODESTAR_LOG_LEVEL: 'warn', LODESTAR_LOG_FORMAT: 'json', LODESTAR_NODE_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  const node: AppNode = {
    name,
    base,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`node ${name} exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return node;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await node.stop();
  throw new Error(`node ${name} did not answer within 120 s:\n${output}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StreamFrame {
  event: string;
  data: { id: string; name: string; payload: Record<string, unknown> };
  /** performance.now() when the frame was read. */
  at: number;
}

export interface EventStream {
  frames: StreamFrame[];
  /** Resolves with the `count`-th frame of `event` (1-based) once it has arrived. */
  nth(event: string, count: number, timeoutMs?: number): Promise<StreamFrame>;
  close(): void;
}

/** Opens GET /api/v1/stream as a browser's EventSource would, recording when each frame arrives. */
export async function openEventStream(base: string, apiKey: string): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/stream`, { headers: { authorization: `Bearer ${apiKey}` }, signal: controller.signal });
  if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
  const frames: StreamFrame[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
          const data = field('data');
          if (data) frames.push({ event: field('event')!, data: JSON.parse(data), at: performance.now() });
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // closed
    }
  })();
  const nth = (event: string, count: number, timeoutMs = 10_000) =>
    new Promise<StreamFrame>((resolve, reject) => {
      const check = () => {
        const found = frames.filter((f) => f.event === event)[count - 1];
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`frame ${count} of ${event} did not arrive within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { frames, nth, close: () => controller.abort() };
}

/** The p-th percentile (0–100) by the nearest-rank method. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
