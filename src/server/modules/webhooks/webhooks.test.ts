import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock.ts';
import { publish } from '../../platform/events/index.ts';
import { createServer } from '../../main.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { MAX_ATTEMPTS, retryDelayMs } from './index.ts';
import { checkWebhookUrl, guardedLookup, isPrivateAddress } from './webhooks.url-guard.ts';

let t: TestApp;
let a: TestOrg;
let b: TestOrg;

beforeAll(async () => {
  t = await createTestApp({ LODESTAR_WEBHOOKS_ALLOW_PRIVATE: 'true' });
  a = await buildOrg(t.ctx);
  b = await buildOrg(t.ctx);
});
afterAll(() => t.close());

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on a free local port; answers the status codes of `plan` in turn, then 200. */
async function startReceiver(plan: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = plan.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status >= 300 ? `failure ${'x'.repeat(5000)}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks`, received, plan, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Standard Webhooks verification, written from the spec (not from the module's code). */
function verifyStandardWebhook(secret: string, headers: http.IncomingHttpHeaders, body: string, nowSeconds: number): boolean {
  const id = String(headers['webhook-id']);
  const timestamp = String(headers['webhook-timestamp']);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 5 * 60) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((part) => {
      const [version, signature] = part.split(',');
      const given = Buffer.from(signature ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });

async function createEndpoint(org: TestOrg, url: string, events: string[] = ['case.created']) {
  const res = await send(org.adminKey, 'POST', '/api/v1/webhooks', { url, events, description: 'test receiver' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; secret: string; url: string };
}

const emit = (org: TestOrg, name: string, payload: object) => t.ctx.db.tenant(org.orgId, (tx) => publish(tx, name, payload, { at: t.clock.now() }));
const deliveriesOf = async (org: TestOrg, endpointId: string) => (await send(org.adminKey, 'GET', `/api/v1/webhooks/${endpointId}/deliveries`)).json().items;
/** Fans events out, then runs the delivery jobs that are due. */
const pump = async () => {
  await t.ctx.events.drain();
  await t.ctx.jobs.runDue();
};

describe('webhook endpoints', () => {
  it('shows the whsec_ secret once at creation and never again; the app role cannot read it back', async () => {
    const created = await createEndpoint(a, 'https://hooks.example.com/lodestar', ['case.created', 'case.closed']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);
    const list = await send(a.adminKey, 'GET', '/api/v1/webhooks');
    const patched = await send(a.adminKey, 'PATCH', `/api/v1/webhooks/${created.id}`, { enabled: false, events: ['case.closed'] });
    expect(patched.json()).toMatchObject({ enabled: false, events: ['case.closed'], secretHint: `${created.secret.slice(0, 10)}…` });
    for (const body of [list.body, patched.body]) {
      expect(body).not.toContain(created.secret);
      expect(body).not.toContain(created.secret.slice(6, 30));
    }
    const audit = await t.ctx.db.tenant(a.orgId, (tx) => tx.query<{ t: string }>(`SELECT row_to_json(x)::text AS t FROM audit_log x WHERE entity_id = $1`, [created.id]));
    expect(audit.map((r) => r.t).join()).not.toContain(created.secret.slice(6, 30));
    await expect(t.ctx.db.tenant(a.orgId, (tx) => tx.query(`SELECT secret FROM webhook_secrets`))).rejects.toThrow(/permission denied/);
    expect((await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${created.id}`)).statusCode).toBe(204);
    expect((await send(a.adminKey, 'PATCH', `/api/v1/webhooks/${created.id}`, { enabled: true })).statusCode).toBe(404);
  });

  it('is for admins only, and another organisation’s endpoint is not found', async () => {
    const manager = await buildEmployeeWithKey(t.ctx, a, { role: 'manager' });
    expect((await send(manager.key, 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
    expect((await send(manager.key, 'POST', '/api/v1/webhooks', { url: 'https://x.example.com', events: ['case.created'] })).statusCode).toBe(403);
    const theirs = await createEndpoint(b, 'https://b.example.com/hook');
    for (const [method, url] of [['GET', `/api/v1/webhooks/${theirs.id}/deliveries`], ['POST', `/api/v1/webhooks/${theirs.id}/test`], ['DELETE', `/api/v1/webhooks/${theirs.id}`]] as const) {
      expect((await send(a.adminKey, method, url)).statusCode).toBe(404);
    }
    expect((await send(a.adminKey, 'GET', '/api/v1/webhooks')).body).not.toContain(theirs.id);
  });

  it('refuses unknown events and non-http(s) URLs', async () => {
    for (const body of [
      { url: 'https://x.example.com', events: ['case.deleted'] },
      { url: 'https://x.example.com', events: [] },
      { url: 'ftp://x.example.com/hook', events: ['case.created'] },
      { url: 'javascript:alert(1)', events: ['case.created'] },
    ]) {
      const res = await send(a.adminKey, 'POST', '/api/v1/webhooks', body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
  });
});

describe('delivery', () => {
  it('signs in the Standard Webhooks manner, verified by an independent implementation', async () => {
    const receiver = await startReceiver();
    const endpoint = await createEndpoint(a, receiver.url);
    const caseId = randomUUID();
    await emit(a, 'case.created', { caseId, ownerId: null, priority: 'high' });
    await pump();
    expect(receiver.received).toHaveLength(1);
    const [req] = receiver.received;
    expect(req!.headers['webhook-id']).toMatch(/^msg_/);
    expect(req!.headers['content-type']).toBe('application/json');
    expect(verifyStandardWebhook(endpoint.secret, req!.headers, req!.body, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
    expect(verifyStandardWebhook(endpoint.secret, req!.headers, req!.body.replace('high', 'low '), Math.floor(t.clock.now().getTime() / 1000))).toBe(false);
    expect(verifyStandardWebhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, req!.headers, req!.body, Math.floor(t.clock.now().getTime() / 1000))).toBe(false);
    expect(JSON.parse(req!.body)).toEqual({ type: 'case.created', timestamp: t.clock.now().toISOString(), data: { caseId, ownerId: null, priority: 'high' } });
    const [delivery] = await deliveriesOf(a, endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1, eventName: 'case.created', messageId: req!.headers['webhook-id'], lastStatusCode: 200 });
    expect(delivery.log).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, error: null, responseBody: 'ok' })]);
    await pump(); // nothing is sent twice
    expect(receiver.received).toHaveLength(1);
    await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${endpoint.id}`);
    await receiver.close();
  });

  it('logs a 5xx then a 200 as two attempts, the retry waiting for its backoff', async () => {
    const receiver = await startReceiver([503]);
    const endpoint = await createEndpoint(a, receiver.url);
    await emit(a, 'case.created', { caseId: randomUUID() });
    await pump();
    let [delivery] = await deliveriesOf(a, endpoint.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503, lastError: 'HTTP 503' });
    expect(new Date(delivery.nextAttemptAt).getTime() - t.clock.now().getTime()).toBe(retryDelayMs(1));
    expect(delivery.log[0].responseBody).toHaveLength(1000); // truncated
    await t.ctx.jobs.runDue();
    expect(receiver.received).toHaveLength(1); // not before its time
    t.clock.advance(retryDelayMs(1));
    await t.ctx.jobs.runDue();
    [delivery] = await deliveriesOf(a, endpoint.id);
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(delivery.log.map((l: { attempt: number; statusCode: number }) => [l.attempt, l.statusCode])).toEqual([[1, 503], [2, 200]]);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([delivery.messageId, delivery.messageId]);
    expect(receiver.received[0]!.body).toBe(receiver.received[1]!.body);
    await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${endpoint.id}`);
    await receiver.close();
  });

  it('retries with exponential backoff on the test clock until the receiver accepts, and gives up after the last attempt', async () => {
    const receiver = await startReceiver([500, 502, 500, 429]);
    const endpoint = await createEndpoint(a, receiver.url);
    await emit(a, 'case.created', { caseId: randomUUID() });
    await pump();
    for (let attempt = 1; attempt <= 4; attempt++) {
      t.clock.advance(retryDelayMs(attempt));
      await t.ctx.jobs.runDue();
    }
    const [delivery] = await deliveriesOf(a, endpoint.id);
    expect(delivery.log.map((l: { statusCode: number }) => l.statusCode)).toEqual([500, 502, 500, 429, 200]);
    expect(delivery.status).toBe('succeeded');
    expect([1, 2, 3, 4, 7, 8].map(retryDelayMs)).toEqual([10_000, 40_000, 160_000, 640_000, 40_960_000, 43_200_000]);
    await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${endpoint.id}`);

    const down = await startReceiver(Array(MAX_ATTEMPTS).fill(500));
    const failing = await createEndpoint(a, down.url);
    await emit(a, 'case.created', { caseId: randomUUID() });
    await pump();
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      t.clock.advance(retryDelayMs(attempt));
      await t.ctx.jobs.runDue();
    }
    const [failed] = await deliveriesOf(a, failing.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    t.clock.advance(24 * 60 * MINUTE);
    await t.ctx.jobs.runDue();
    expect(down.received).toHaveLength(MAX_ATTEMPTS);
    await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${failing.id}`);
    await Promise.all([receiver.close(), down.close()]);
  });

  it('sends only subscribed events of enabled endpoints, and never to another organisation', async () => {
    const mine = await startReceiver();
    const theirs = await startReceiver();
    const closedOnly = await createEndpoint(a, mine.url, ['case.closed']);
    const bEndpoint = await createEndpoint(b, theirs.url, ['case.created', 'case.closed']);
    await emit(a, 'case.created', { caseId: randomUUID() });
    await pump();
    expect(mine.received).toHaveLength(0);
    expect(await deliveriesOf(a, closedOnly.id)).toEqual([]);
    await emit(a, 'case.closed', { caseId: randomUUID(), rootCause: 'delivery_delay' });
    await pump();
    expect(mine.received.map((r) => JSON.parse(r.body).type)).toEqual(['case.closed']);
    expect(theirs.received).toHaveLength(0);
    expect(await deliveriesOf(b, bEndpoint.id)).toEqual([]);
    await send(a.adminKey, 'PATCH', `/api/v1/webhooks/${closedOnly.id}`, { enabled: false });
    await emit(a, 'case.closed', { caseId: randomUUID() });
    await pump();
    expect(mine.received).toHaveLength(1);
    await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${closedOnly.id}`);
    await send(b.adminKey, 'DELETE', `/api/v1/webhooks/${bEndpoint.id}`);
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('sends a signed webhook.test on request, even to an endpoint subscribed to other events', async () => {
    const receiver = await startReceiver();
    const endpoint = await createEndpoint(a, receiver.url, ['improvement.completed']);
    const res = await send(a.adminKey, 'POST', `/api/v1/webhooks/${endpoint.id}/test`);
    expect(res.statusCode, res.body).toBe(202);
    await t.ctx.jobs.runDue();
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    expect(receiver.received[0]!.headers['webhook-id']).toBe(res.json().messageId);
    expect(verifyStandardWebhook(endpoint.secret, receiver.received[0]!.headers, receiver.received[0]!.body, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
    await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${endpoint.id}`);
    await receiver.close();
  });

  it('loses nothing across a restart: a delivery left running by a crash and a pending retry are both sent by a new app on the same database', async () => {
    const receiver = await startReceiver([500]);
    const endpoint = await createEndpoint(a, receiver.url);
    await emit(a, 'case.created', { caseId: randomUUID(), n: 1 });
    await pump(); // attempt 1 answered 500: a retry is queued
    await emit(a, 'case.created', { caseId: randomUUID(), n: 2 });
    await t.ctx.events.drain(); // its job is queued; the process now "crashes" while running it
    await t.ctx.db.system((tx) =>
      tx.query(`UPDATE jobs SET status = 'running', locked_at = $1, attempts = attempts + 1 WHERE name = 'webhooks.deliver' AND status = 'queued' AND run_at <= $1`, [t.clock.now()]),
    );
    await t.ctx.jobs.stop();
    expect(receiver.received).toHaveLength(1);

    const restarted = await createServer(t.ctx.config, t.ctx.db, { clock: t.clock });
    try {
      t.clock.advance(11 * MINUTE); // past the job runner's lock timeout, and past the retry's backoff
      expect(await restarted.ctx.jobs.requeueStaleJobs()).toBe(1);
      await restarted.ctx.jobs.runDue();
    } finally {
      await restarted.app.close();
    }
    const deliveries = await deliveriesOf(a, endpoint.id);
    expect(deliveries.map((d: { status: string }) => d.status)).toEqual(['succeeded', 'succeeded']);
    const bodies = receiver.received.map((r) => JSON.parse(r.body).data.n);
    expect(bodies.sort()).toEqual([1, 1, 2]);
    await send(a.adminKey, 'DELETE', `/api/v1/webhooks/${endpoint.id}`);
    await receiver.close();
  });
});

describe('alert rule webhook action', () => {
  it('needs a registered endpoint and sends it a signed alert.triggered when the rule fires', async () => {
    const receiver = await startReceiver();
    const refused = await send(a.adminKey, 'POST', '/api/v1/alert-rules', { name: 'hook', when: { nps: { lte: 6 } }, then: { webhook: { url: receiver.url } } });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'webhook_not_registered']);
    const endpoint = await createEndpoint(a, receiver.url, ['case.closed']);
    const rule = await send(a.adminKey, 'POST', '/api/v1/alert-rules', { name: 'hook', when: { nps: { lte: 6 } }, then: { createCase: { priority: 'high' }, webhook: { url: receiver.url } } });
    expect(rule.statusCode, rule.body).toBe(201);
    const survey = await send(a.adminKey, 'POST', '/api/v1/surveys', { name: 'NPS', questions: [{ key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } }] });
    const happy = await send(a.adminKey, 'POST', '/api/v1/responses', { surveyId: survey.json().id, answers: { nps: 10 } });
    const unhappy = await send(a.adminKey, 'POST', '/api/v1/responses', { surveyId: survey.json().id, answers: { nps: 2 } });
    expect([happy.statusCode, unhappy.statusCode]).toEqual([201, 201]);
    await pump();
    expect(receiver.received).toHaveLength(1);
    const body = JSON.parse(receiver.received[0]!.body);
    expect(body).toMatchObject({ type: 'alert.triggered', data: { ruleId: rule.json().id, responseId: unhappy.json().id, nps: 2, webhookUrl: receiver.url } });
    expect(body.data.caseId).toEqual(expect.any(String));
    expect(verifyStandardWebhook(endpoint.secret, receiver.received[0]!.headers, receiver.received[0]!.body, Math.floor(t.clock.now().getTime() / 1000))).toBe(true);
    await send(a.adminKey, 'DELETE', `/api/v1/alert-rules/${rule.json().id}`);
    await receiver.close();
  });
});

describe('SSRF guard', () => {
  it('refuses private, loopback and link-local targets with 400 webhook_url_forbidden unless allowed', async () => {
    const strict = await createTestApp();
    try {
      const org = await buildOrg(strict.ctx);
      for (const url of ['http://127.0.0.1:8080/x', 'http://localhost/x', 'http://10.1.2.3/', 'http://192.168.0.10/', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[fd00::1]/', 'http://0.0.0.0/', 'http://metadata.google.internal/', 'https://user:pw@hooks.example.com/']) {
        const res = await strict.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: bearer(org.adminKey), payload: { url, events: ['case.created'] } });
        expect([res.statusCode, res.json().error.code], url).toEqual([400, 'webhook_url_forbidden']);
      }
      const ok = await strict.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: bearer(org.adminKey), payload: { url: 'https://hooks.example.com/x', events: ['case.created'] } });
      expect(ok.statusCode).toBe(201);
      const patch = await strict.app.inject({ method: 'PATCH', url: `/api/v1/webhooks/${ok.json().id}`, headers: bearer(org.adminKey), payload: { url: 'http://172.16.5.4/' } });
      expect([patch.statusCode, patch.json().error.code]).toEqual([400, 'webhook_url_forbidden']);
    } finally {
      await strict.close();
    }
  });

  it('classifies addresses and refuses names that resolve to private ones at delivery time', async () => {
    expect(['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '::ffff:7f00:1'].every(isPrivateAddress)).toBe(true);
    expect(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111'].some(isPrivateAddress)).toBe(false);
    expect(() => checkWebhookUrl('http://127.0.0.1/', true)).not.toThrow();
    const refusal = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup(false)('localhost', {}, (err) => resolve(err)));
    expect(refusal?.code).toBe('EPRIVATE');
  });
});
