// `npm run bench:loop`: the live paths' speed. A detractor's answer is submitted while background
// ingestion runs at BENCH_LOOP_RATE responses/s (default 1,000, through /responses/batch from a worker
// thread); we time from the submit to the `case.created` frame on the serving employee's live stream
// (goal: p95 ≤ 100 ms under load). Then a praising promoter's answer, timed to the `praise.received`
// frame on a colleague's stream (goal: within a second; it goes through text analysis on the outbox).
// Baseline in the same run: the same probes with no background load.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { createServer, startBackgroundWork, stopBackgroundWork } from '../src/server/main.ts';
import { insertAlertRule } from '../src/server/modules/cases/index.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import type { OpenedDatabase } from '../src/server/platform/db/open-database.ts';
import { buildEmployeeWithKey, buildOrg } from '../src/server/testing/factories.ts';
import { onEachEngine } from './databases.ts';

const RATE = Number(process.env.BENCH_LOOP_RATE) || 1000;
const PROBES = Number(process.env.BENCH_LOOP_PROBES) || 60;
const PROBE_GAP_MS = 250;

const QUESTIONS = [
  { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
  { key: 'comment', type: 'text', title: { 'zh-CN': '评论', en: 'Comment' } },
];

interface Timings {
  case: number[];
  praise: number[];
  missed: number;
}

interface Figures {
  engine: string;
  idle: Timings;
  loaded: Timings;
  achievedRate: number;
}

async function benchEngine(engine: string, opened: OpenedDatabase): Promise<Figures> {
  const server = await createServer(loadConfig({ ...process.env, LODESTAR_LOG_LEVEL: 'silent' }), opened.db);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  await startBackgroundWork(server.ctx);
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  try {
    const org = await buildOrg(server.ctx, `loop-${randomUUID().slice(0, 8)}`);
    const courier = await buildEmployeeWithKey(server.ctx, org, { name: '张伟' });
    const colleague = await buildEmployeeWithKey(server.ctx, org, { name: '王芳' });
    await server.ctx.db.tenant(org.orgId, (tx) =>
      insertAlertRule(server.ctx, tx, { name: 'Detractor', enabled: true, when: { match: 'any', nps: { lte: 6 } }, then: { createCase: { priority: 'high' } } }),
    );
    const admin = { authorization: `Bearer ${org.adminKey}`, 'content-type': 'application/json' };
    const survey = await (await fetch(`${base}/api/v1/surveys`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Loop', questions: QUESTIONS }) })).json();
    const ownStream = await openStream(`${base}/api/v1/stream`, courier.key, 'case.created');
    const colleagueStream = await openStream(`${base}/api/v1/stream`, colleague.key, 'praise.received');
    try {
      const probe = async (answers: object, stream: typeof ownStream): Promise<number | null> => {
        const body = { surveyId: survey.id, employeeId: courier.employeeId, answers };
        const sent = performance.now();
        const res = await fetch(`${base}/api/v1/responses`, { method: 'POST', headers: admin, body: JSON.stringify(body) });
        const { id } = await res.json();
        return stream.waitFor(id, sent, 10_000);
      };
      const runProbes = async (): Promise<Timings> => {
        const timings: Timings = { case: [], praise: [], missed: 0 };
        for (let i = 0; i < PROBES; i++) {
          const caseMs = await probe({ nps: 2, comment: '等了一个小时还没送到' }, ownStream);
          const praiseMs = await probe({ nps: 10, comment: '快递小哥服务非常热情周到，太感谢了！' }, colleagueStream);
          if (caseMs === null) timings.missed++;
          else timings.case.push(caseMs);
          if (praiseMs === null) timings.missed++;
          else timings.praise.push(praiseMs);
          await new Promise((resolve) => setTimeout(resolve, PROBE_GAP_MS));
        }
        return timings;
      };
      await runProbes(); // warm-up: JIT, caches, the text model
      const idle = await runProbes();
      const load = startBackgroundLoad(`${base}/api/v1/responses/batch`, org.adminKey, survey.id, RATE);
      await new Promise((resolve) => setTimeout(resolve, 2000)); // let the load settle in
      const loaded = await runProbes();
      const achievedRate = await load.stop();
      return { engine, idle, loaded, achievedRate };
    } finally {
      ownStream.close();
      colleagueStream.close();
    }
  } finally {
    await stopBackgroundWork(server.ctx);
    await server.app.close();
  }
}

/** Reads the SSE stream and resolves each probe when the `eventName` frame for its response arrives. */
async function openStream(url: string, key: string, eventName: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
  const arrived = new Map<string, number>();
  const waiting = new Map<string, () => void>();
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
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!block.includes(`event: ${eventName}\n`) || !data) continue;
          const responseId = JSON.parse(data.slice(6)).payload.responseId as string;
          arrived.set(responseId, performance.now());
          waiting.get(responseId)?.();
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    waitFor(responseId: string, sent: number, timeoutMs: number): Promise<number | null> {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(responseId);
          resolve(arrived.get(responseId)! - sent);
        };
        const timer = setTimeout(() => {
          waiting.delete(responseId);
          resolve(null);
        }, timeoutMs);
        if (arrived.has(responseId)) done();
        else waiting.set(responseId, done);
      });
    },
    close: () => controller.abort(),
  };
}

/** Promoters and passives (no cases) through /responses/batch, 10 requests a second, from a worker thread. */
function startBackgroundLoad(url: string, key: string, surveyId: string, rate: number) {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { url, key, surveyId, rate } = workerData;
    const perTick = Math.max(1, Math.round(rate / 10));
    let stopped = false, sent = 0, n = 0;
    const started = performance.now();
    parentPort.on('message', () => { stopped = true; });
    (async () => {
      while (!stopped) {
        const tickStart = performance.now();
        const items = Array.from({ length: perTick }, () => ({ surveyId, answers: { nps: 7 + (n++ % 4), comment: n % 3 ? '' : '送货很快，态度很好' } }));
        const res = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer ' + key, 'content-type': 'application/json' }, body: JSON.stringify({ items }) });
        if (res.ok) sent += (await res.json()).created;
        const wait = 100 - (performance.now() - tickStart);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      parentPort.postMessage(sent / ((performance.now() - started) / 1000));
    })();
  `;
  const worker = new Worker(code, { eval: true, workerData: { url, key, surveyId, rate } });
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (achieved: number) => {
          void worker.terminate();
          resolve(achieved);
        });
        worker.postMessage('stop');
      }),
  };
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

const started = performance.now();
const loadBefore = os.loadavg()[0]!;
// BENCH_LOOP_ENGINES=postgres (or pglite) measures one engine only.
const results = await onEachEngine(process.env.BENCH_LOOP_ENGINES ?? 'pglite,postgres', (engine, opened) => benchEngine(engine === 'PGlite' ? 'pglite' : 'postgres', opened));
console.log(
  `\nClosed-loop latency: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start, ${PROBES} probes per phase, ` +
    `background target ${RATE} responses/s, ${Math.round((performance.now() - started) / 1000)} s\n`,
);
const ms = (x: number) => (Number.isNaN(x) ? '—' : `${Math.round(x)} ms`);
const phases = (label: string, pick: (t: Timings) => number[], goal: string) => [
  [label, ...results.map((r) => r.engine)],
  ['  idle: p50', ...results.map((r) => ms(percentile(pick(r.idle), 50)))],
  ['  idle: p95', ...results.map((r) => ms(percentile(pick(r.idle), 95)))],
  ['  under background load: p50', ...results.map((r) => ms(percentile(pick(r.loaded), 50)))],
  [`  under background load: p95 (${goal})`, ...results.map((r) => ms(percentile(pick(r.loaded), 95)))],
  ['  ratio p95 loaded / idle', ...results.map((r) => `${(percentile(pick(r.loaded), 95) / percentile(pick(r.idle), 95)).toFixed(1)}×`)],
];
const rows = [
  ...phases('submit → case.created on the owner’s stream', (t) => t.case, 'goal ≤ 100 ms'),
  ...phases('submit → praise.received on a colleague’s stream', (t) => t.praise, 'goal ≤ 1,000 ms'),
  ['background ingestion achieved (responses/s)', ...results.map((r) => String(Math.round(r.achievedRate)))],
  ['probes with no event within 10 s', ...results.map((r) => String(r.idle.missed + r.loaded.missed))],
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
