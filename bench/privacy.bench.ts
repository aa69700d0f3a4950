// `npm run bench:privacy`: how long a customer's erasure takes when they answered 1,000 surveys (about 330 of them
// detractors with a case each, every answer with a comment and its analysis, an invitation, a thank-you card),
// against a baseline in the same run and database: a customer with 10 answers. Also the export of the large one.
// Every customer is seeded through the HTTP API and its events drained first, so the erasure finds what production
// would: analyses, praise, case timelines, notifications and outbox events to sweep. Timings are through HTTP
// (`app.inject`), the median of BENCH_PRIVACY_REPEAT customers of each size, erased one after another in one
// organisation, beside a customer who is never erased and answered BENCH_PRIVACY_OTHERS surveys (so every erasure
// sweeps timelines, notifications and an outbox that hold other people's rows too).
// Engine: PostgreSQL when DATABASE_URL is set (a fresh database beside it, dropped after), else PGlite in a fresh
// directory; BENCH_ENGINES=pglite,postgres runs both. BENCH_PRIVACY_LARGE=1000, BENCH_PRIVACY_SMALL=10.
import { TestClock } from '../src/server/platform/clock.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import type { OpenedDatabase } from '../src/server/platform/db/open-database.ts';
import { createServer } from '../src/server/main.ts';
import { buildPrivacyFixture } from '../src/server/testing/privacy-fixtures.ts';
import { onEachEngine } from './databases.ts';
import { printTable, thousands } from './table.ts';

const LARGE = Number(process.env.BENCH_PRIVACY_LARGE) || 1000;
const SMALL = Number(process.env.BENCH_PRIVACY_SMALL) || 10;
const REPEAT = Number(process.env.BENCH_PRIVACY_REPEAT) || 3;
const OTHERS = Number(process.env.BENCH_PRIVACY_OTHERS) || 2000;
const ENGINES = process.env.BENCH_ENGINES ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite');

interface Figures {
  engine: string;
  small: number;
  large: number;
  exportLarge: number;
  exportBytes: number;
  rowsLarge: number;
  responses: number;
  events: number;
  cases: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function benchEngine(engine: 'PGlite' | 'PostgreSQL', opened: OpenedDatabase): Promise<Figures> {
  const clock = new TestClock();
  const server = await createServer(loadConfig({ ...process.env, LODESTAR_LOG_LEVEL: 'silent' }), opened.db, { clock });
  try {
    const f = await buildPrivacyFixture({ ...server, clock });
    const timed = async (method: 'GET' | 'POST', url: string) => {
      const started = performance.now();
      const res = await f.send(method, url);
      const ms = performance.now() - started;
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return { ms, body: res.body };
    };
    process.stdout.write(`${engine}: seeding a bystander with ${OTHERS} answers…\n`);
    await f.seedCustomer('Bystander', OTHERS);
    const small: number[] = [];
    const large: number[] = [];
    const exports: number[] = [];
    let exportBytes = 0;
    let rowsLarge = 0;
    for (let i = 0; i < REPEAT; i++) {
      process.stdout.write(`${engine}: seeding customer ${i + 1}/${REPEAT} with ${LARGE} answers and one with ${SMALL}…\n`);
      const big = await f.seedCustomer(`L${i}`, LARGE);
      const few = await f.seedCustomer(`S${i}`, SMALL);
      const exported = await timed('GET', `/api/v1/privacy/customers/${big.customerId}/export`);
      exports.push(exported.ms);
      exportBytes = exported.body.length;
      small.push((await timed('POST', `/api/v1/privacy/customers/${few.customerId}/erasure`)).ms);
      const erased = await timed('POST', `/api/v1/privacy/customers/${big.customerId}/erasure`);
      large.push(erased.ms);
      rowsLarge = Object.values(JSON.parse(erased.body).counts as Record<string, number>).reduce((a, b) => a + b, 0);
    }
    const [sizes] = await opened.db.tenant(f.org.orgId, (tx) =>
      tx.query<{ responses: number; events: number; cases: number }>(
        `SELECT (SELECT count(*)::int FROM responses WHERE org_id = $1) AS responses, (SELECT count(*)::int FROM outbox_events WHERE org_id = $1) AS events,
                (SELECT count(*)::int FROM cases WHERE org_id = $1) AS cases`,
        [f.org.orgId],
      ),
    );
    return { engine, small: median(small), large: median(large), exportLarge: median(exports), exportBytes, rowsLarge, ...sizes! };
  } finally {
    await server.app.close();
  }
}

const results = await onEachEngine(ENGINES, benchEngine);
console.log(`\nErasure through HTTP, median of ${REPEAT} customers of each size (ms)`);
printTable([
  ['engine', `erase ${SMALL} answers`, `erase ${LARGE} answers`, 'ratio', `rows changed (${LARGE})`, `export ${LARGE}`, 'export size', 'org responses', 'org cases', 'org events left'],
  ...results.map((r) => [
    r.engine,
    r.small.toFixed(0),
    r.large.toFixed(0),
    `${(r.large / r.small).toFixed(1)}×`,
    thousands(r.rowsLarge),
    r.exportLarge.toFixed(0),
    `${(r.exportBytes / 1024).toFixed(0)} KiB`,
    thousands(r.responses),
    thousands(r.cases),
    thousands(r.events),
  ]),
]);
