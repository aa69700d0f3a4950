import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../clock.ts';
import { publish } from '../events/index.ts';
import { enqueueJob } from '../jobs/index.ts';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { logDestination, shortLine } from './index.ts';

const TOKEN = 'scrape-token-0123456789';
let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp({ LODESTAR_METRICS_TOKEN: TOKEN });
  org = await buildOrg(t.ctx);
});
afterAll(() => t.close());

const scrape = async () => {
  const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(TOKEN) });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/plain');
  return res.body;
};

/** The value of one sample line, e.g. `lodestar_outbox_backlog` or `lodestar_db_pool_connections{state="max"}`. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series}`);
  return Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('wants the configured token, and says so with the API error format', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/metrics' });
    const wrong = await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer('scrape-token-wrong-value') });
    for (const res of [none, wrong]) expect([res.statusCode, res.json().error.code]).toEqual([401, 'unauthorized']);
    // An API key is not a metrics token.
    expect((await t.app.inject({ method: 'GET', url: '/metrics', headers: bearer(org.adminKey) })).statusCode).toBe(401);
  });

  it('counts requests by route template and status, never by raw URL', async () => {
    const unit = (await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer(org.adminKey), payload: { name: '门店', parentId: org.rootUnitId, kind: 'store' } })).json();
    await t.app.inject({ method: 'GET', url: `/api/v1/units/${unit.id}`, headers: bearer(org.adminKey) });
    await t.app.inject({ method: 'GET', url: `/api/v1/units/${unit.id}` }); // 401
    await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    const text = await scrape();
    const routeLine = (status: number) => `lodestar_http_request_duration_seconds_count{method="GET",route="/api/v1/units/:id",status_code="${status}"}`;
    expect(sample(text, routeLine(200))).toBeGreaterThanOrEqual(1);
    expect(sample(text, routeLine(401))).toBeGreaterThanOrEqual(1);
    expect(text).toContain('route="unmatched"'); // refused (401) before any route matched
    expect(text).not.toContain(unit.id);
    expect(text).not.toContain('no-such-route');
    expect(text).toContain('lodestar_process_cpu_seconds_total'); // Node's own figures come along
  });

  it('reports the outbox backlog and its oldest age, and the lag of due jobs, from the database', async () => {
    const before = await scrape();
    expect(sample(before, 'lodestar_db_up')).toBe(1);
    await t.ctx.events.drain();
    await t.ctx.jobs.runDue();
    const idle = await scrape();
    expect(sample(idle, 'lodestar_jobs_lag_seconds')).toBe(0);
    const backlogBefore = sample(idle, 'lodestar_outbox_backlog');

    // An event its handler has not seen yet, one only for screens (no handler: never backlog),
    // and a one-off job due a minute ago that no runner has claimed.
    t.ctx.events.on('metrics.test', 'metrics-test', async () => undefined);
    await t.ctx.db.tenant(org.orgId, async (tx) => {
      await publish(tx, 'metrics.test', {}, { at: t.clock.now() });
      await publish(tx, 'metrics.screen-only', {}, { at: t.clock.now() });
      await enqueueJob(tx, { name: 'metrics.test', runAt: new Date(t.clock.now().getTime() - MINUTE) });
    });
    t.clock.advance(90_000);
    const busy = await scrape();
    expect(sample(busy, 'lodestar_outbox_backlog')).toBe(backlogBefore + 1);
    expect(sample(busy, 'lodestar_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(busy, 'lodestar_jobs_due')).toBeGreaterThanOrEqual(1);
    expect(sample(busy, 'lodestar_jobs_lag_seconds')).toBeGreaterThanOrEqual(150);
    expect(sample(busy, 'lodestar_db_pool_connections{state="max"}')).toBeGreaterThanOrEqual(1);
  });

  it('measures the size of ingestion groups', async () => {
    const survey = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/surveys',
        headers: bearer(org.adminKey),
        payload: { name: 'NPS', questions: [{ key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '推荐', en: 'Recommend' } }] },
      })
    ).json();
    const countBefore = sample(await scrape(), 'lodestar_ingest_group_size_count');
    const sent = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/responses', headers: bearer(org.adminKey), payload: { surveyId: survey.id, answers: { nps: i } } }),
      ),
    );
    expect(sent.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const after = await scrape();
    const groups = sample(after, 'lodestar_ingest_group_size_count') - countBefore;
    expect(groups).toBeGreaterThanOrEqual(1);
    expect(groups).toBeLessThanOrEqual(8);
    expect(sample(after, 'lodestar_ingest_group_size_sum')).toBeGreaterThanOrEqual(8);
  });
});

describe('log output', () => {
  const line = (record: object) => JSON.stringify({ time: Date.UTC(2025, 0, 1, 4, 5, 6), pid: 1, hostname: 'h', ...record });

  it('keeps JSON lines when stdout is not a terminal, or when asked for json', () => {
    expect(logDestination('auto', Object.assign(new PassThrough(), { isTTY: false }))).toBeUndefined();
    expect(logDestination('json', Object.assign(new PassThrough(), { isTTY: true }))).toBeUndefined();
  });

  it('on a terminal, prints one short line per warning or error and nothing for each request', async () => {
    const out = Object.assign(new PassThrough(), { isTTY: true });
    const printed: string[] = [];
    out.on('data', (chunk: Buffer) => printed.push(...chunk.toString().split('\n').filter(Boolean)));
    const stream = logDestination('auto', out)!;
    stream.write(line({ level: 30, msg: 'incoming request', req: { method: 'GET', url: '/api/v1/health' } }) + '\n');
    stream.write(line({ level: 30, msg: 'request completed', res: { statusCode: 200 } }) + '\n');
    stream.write(line({ level: 40, msg: 'abandoned job recovered', jobId: 7, job: 'webhooks.deliver', status: 'queued' }) + '\n');
    stream.write(line({ level: 50, msg: 'job failed', err: { message: 'smtp timeout', stack: 'Error: smtp timeout\n    at …' }, job: 'surveys.send-email' }) + '\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(printed).toHaveLength(2);
    expect(printed[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}abandoned job recovered \(job=webhooks\.deliver, jobId=7, status=queued\)$/);
    expect(printed[1]).toMatch(/^\d\d:\d\d:\d\d ERROR job failed: smtp timeout \(job=surveys\.send-email\)$/);
    expect(printed.join('\n')).not.toContain('at …');
  });

  it('shows a line it cannot parse as it came, and skips blank ones', () => {
    expect(shortLine('plain text from a library')).toBe('plain text from a library');
    expect(shortLine('   ')).toBeNull();
  });
});
