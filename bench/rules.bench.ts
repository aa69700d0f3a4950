// `npm run bench:rules`: batch ingestion at a real detractor mix, with and without alert rules, on PGlite and PostgreSQL.
// (A) fresh answers, no rules; (B) the same mix (30 % detractors) with API.md's default rule (NPS ≤ 6 or CSAT ≤ 2 opens a
// high-priority case for the serving employee, or the head of the unit): goal B/A ≥ 50 %; (B+) the demo's rule, which also
// alerts the unit manager (a second notification and a warning event per detractor); (C) two years of history with the
// rule on (too old: no case): goal C/A ≥ 50 %. Phases alternate over rounds so table growth does not favour one of them.
// /responses/batch over HTTP, 500 items a request, one client.
// PostgreSQL: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { createServer } from '../src/server/main.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import type { OpenedDatabase } from '../src/server/platform/db/open-database.ts';
import { buildOrg } from '../src/server/testing/factories.ts';
import { onEachEngine } from './databases.ts';
import { printTable, thousands } from './table.ts';

const ROUNDS = Number(process.env.BENCH_RULES_ROUNDS) || 3;
const PER_PHASE = Number(process.env.BENCH_RULES_ROWS) || 4000;
const BATCH = 500;
const STORES = 10;
const STAFF_PER_STORE = 6;
const DETRACTOR_SHARE = 0.3;
const COMMENTS = ['送餐很快，服务很好', 'The courier was friendly and on time', '等了四十分钟，饭菜凉了', 'Checkout was slow', '', '', ''];

type Phase = 'fresh' | 'rules' | 'alerts' | 'history';

interface Figures {
  engine: string;
  rate: Record<Phase, number>;
  cases: Record<Exclude<Phase, 'fresh'>, number>;
  detractors: number;
}

async function benchEngine(engine: string, opened: OpenedDatabase): Promise<Figures> {
  const server = await createServer(loadConfig({ ...process.env, LODESTAR_LOG_LEVEL: 'silent' }), opened.db);
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  try {
    const org = await buildOrg(server.ctx, `rules-${randomUUID().slice(0, 8)}`);
    const headers = { authorization: `Bearer ${org.adminKey}`, 'content-type': 'application/json' };
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      return res.json();
    };
    const { stores, staff } = await buildStores(server.ctx, org);
    const survey = await call('POST', '/api/v1/surveys', {
      name: 'Bench',
      questions: [
        { key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
        { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
        { key: 'comment', type: 'text', title: { 'zh-CN': '意见', en: 'Comment' } },
      ],
    });
    const when = { match: 'any', nps: { lte: 6 }, csat: { lte: 2 } };
    const rule = await call('POST', '/api/v1/alert-rules', { name: 'Detractor case', enabled: false, when, then: { createCase: { priority: 'high' } } });
    const demoRule = await call('POST', '/api/v1/alert-rules', {
      name: 'Detractor case and alert',
      enabled: false,
      when,
      then: { createCase: { priority: 'high' }, notify: { servingEmployee: false, unitManager: true } },
    });
    const enable = async (on: string | null) => {
      for (const id of [rule.id, demoRule.id]) await call('PATCH', `/api/v1/alert-rules/${id}`, { enabled: id === on });
    };
    let seq = 0;
    const item = (submittedAt: string | undefined) => {
      const i = seq++;
      const detractor = (i * 7919) % 100 < DETRACTOR_SHARE * 100;
      const nps = detractor ? i % 7 : 7 + (i % 4);
      const store = i % STORES;
      // One answer in ten comes from a counter QR code: no serving employee, the case goes to the store's head.
      const employeeId = i % 10 === 0 ? undefined : staff[store]![i % STAFF_PER_STORE];
      const comment = COMMENTS[i % COMMENTS.length];
      return { surveyId: survey.id, answers: { nps, csat: detractor ? 1 + (i % 2) : 4 + (i % 2), ...(comment ? { comment } : {}) }, employeeId, unitId: stores[store], touchpoint: 'delivery', submittedAt };
    };
    const twoYears = 2 * 365 * 24 * 3600_000;
    const historyAt = () => new Date(Date.now() - 30 * 24 * 3600_000 - Math.random() * twoYears).toISOString();
    const send = async (phase: Phase) => {
      const batches = Array.from({ length: PER_PHASE / BATCH }, () => Array.from({ length: BATCH }, () => item(phase === 'history' ? historyAt() : undefined)));
      const started = performance.now();
      for (const items of batches) {
        const result = await call('POST', '/api/v1/responses/batch', { items });
        if (result.created !== items.length) throw new Error(`batch: ${JSON.stringify(result).slice(0, 300)}`);
      }
      return performance.now() - started;
    };
    await send('fresh'); // warm-up: JIT, caches, the first pages of every index
    // Planner statistics, as a live database has them (autovacuum on PostgreSQL, the hourly job on PGlite): a brand-new
    // table without any makes the foreign-key check of each case look its response up with a sequential scan.
    await opened.driver.transaction((q) => q.query('ANALYZE'));
    const ms: Record<Phase, number> = { fresh: 0, rules: 0, alerts: 0, history: 0 };
    const cases = { rules: 0, alerts: 0, history: 0 };
    const ruleOf: Record<Phase, string | null> = { fresh: null, rules: rule.id, alerts: demoRule.id, history: rule.id };
    for (let r = 0; r < ROUNDS; r++) {
      for (const phase of ['fresh', 'rules', 'alerts', 'history'] as const) {
        await enable(ruleOf[phase]);
        const before = await countCases(server.ctx, org.orgId);
        ms[phase] += await send(phase);
        const opened = (await countCases(server.ctx, org.orgId)) - before;
        if (phase === 'fresh' && opened) throw new Error('cases without a rule');
        if (phase !== 'fresh') cases[phase] += opened;
      }
    }
    const rows = ROUNDS * PER_PHASE;
    const perSec = (t: number) => rows / (t / 1000);
    const rate = { fresh: perSec(ms.fresh), rules: perSec(ms.rules), alerts: perSec(ms.alerts), history: perSec(ms.history) };
    return { engine, rate, cases, detractors: Math.round(rows * DETRACTOR_SHARE) };
  } finally {
    await server.app.close();
  }
}

/** Stores under one region, each with a manager heading five frontline staff. */
async function buildStores(ctx: Parameters<typeof buildOrg>[0], org: Awaited<ReturnType<typeof buildOrg>>) {
  return ctx.db.tenant(org.orgId, async (tx) => {
    const stores: string[] = [];
    const staff: string[][] = [];
    for (let s = 0; s < STORES; s++) {
      const [unit] = await tx.query<{ id: string }>(`INSERT INTO units (org_id, name, kind, parent_id) VALUES ($1, $2, 'store', $3) RETURNING id`, [org.orgId, `Store ${s}`, org.rootUnitId]);
      const person = async (managerId: string | null) =>
        (
          await tx.query<{ id: string }>(`INSERT INTO employees (org_id, name, email, unit_id, position_id, manager_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
            org.orgId,
            `Staff ${randomUUID().slice(0, 6)}`,
            `${randomUUID()}@bench.local`,
            unit!.id,
            org.positionId,
            managerId,
          ])
        )[0]!.id;
      const manager = await person(null);
      const team = [manager];
      for (let i = 1; i < STAFF_PER_STORE; i++) team.push(await person(manager));
      stores.push(unit!.id);
      staff.push(team);
    }
    return { stores, staff };
  });
}

async function countCases(ctx: Parameters<typeof buildOrg>[0], orgId: string): Promise<number> {
  return ctx.db.tenant(orgId, async (tx) => (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE org_id = $1`, [orgId]))[0]!.n);
}

const loadBefore = os.loadavg()[0]!;
const started = performance.now();
const results = await onEachEngine(process.env.BENCH_ENGINES ?? 'pglite,postgres', benchEngine);
console.log(
  `\nAlert rules at a real mix: ${os.cpus().length} CPUs, load average ${loadBefore.toFixed(1)} at start, ${ROUNDS} rounds × ${PER_PHASE} answers a phase, ` +
    `${Math.round(DETRACTOR_SHARE * 100)} % detractors, /responses/batch ${BATCH} a request, ${Math.round((performance.now() - started) / 1000)} s\n`,
);
const pct = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;
printTable([
  ['', ...results.map((f) => f.engine)],
  ['(A) fresh answers, no rules (responses/s)', ...results.map((f) => thousands(f.rate.fresh))],
  ['(B) fresh answers, default rule: a case (responses/s)', ...results.map((f) => thousands(f.rate.rules))],
  ['    cases opened / detractors sent', ...results.map((f) => `${thousands(f.cases.rules)} / ${thousands(f.detractors)}`)],
  ['    ratio B/A, goal ≥ 50 %', ...results.map((f) => pct(f.rate.rules, f.rate.fresh))],
  ['(B+) the demo rule: a case and an alert to the unit manager', ...results.map((f) => thousands(f.rate.alerts))],
  ['    cases opened / detractors sent', ...results.map((f) => `${thousands(f.cases.alerts)} / ${thousands(f.detractors)}`)],
  ['    ratio B+/A', ...results.map((f) => pct(f.rate.alerts, f.rate.fresh))],
  ['(C) two years of history, rule on (responses/s)', ...results.map((f) => thousands(f.rate.history))],
  ['    cases opened (goal 0)', ...results.map((f) => thousands(f.cases.history))],
  ['    ratio C/A, goal ≥ 50 % (within 2×)', ...results.map((f) => pct(f.rate.history, f.rate.fresh))],
]);
