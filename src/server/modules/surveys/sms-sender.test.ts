import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createHttpSmsGateway, renderSmsBody } from './sms-gateway.ts';
import { sendQueuedSms } from './sms-sender.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

const AUTH = 'X-Api-Key: sms-5ecret-key-do-not-log';
/** The gateway's own body shape, with extra fixed fields, as an operator would configure it. */
const TEMPLATE = '{"sign":"星辰零售","mobile":"{{to}}","content":"{{text}}","type":1}';

let t: TestApp;
let org: TestOrg;
let gateway: http.Server;
const received: Received[] = [];
/** Status codes the fake gateway answers in turn before it goes back to 200. */
const plan: number[] = [];

beforeAll(async () => {
  gateway = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = plan.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? '{"code":0}' : '{"code":503,"message":"upstream carrier busy"}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const { port } = gateway.address() as AddressInfo;
  t = await createTestApp({
    LODESTAR_SMS_GATEWAY_URL: `http://127.0.0.1:${port}/sms/send?account=xc`,
    LODESTAR_SMS_GATEWAY_AUTH: AUTH,
    LODESTAR_SMS_GATEWAY_BODY: TEMPLATE,
    LODESTAR_PUBLIC_URL: 'https://xm.xingchen.example',
  });
  org = await buildOrg(t.ctx);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

async function queueSms(recipient: string, body: string): Promise<string> {
  const [row] = await t.ctx.db.tenant(org.orgId, (tx) =>
    tx.query<{ id: string }>(
      `INSERT INTO outbox_messages (org_id, kind, channel, lang, subject, body, recipient, created_at) VALUES ($1, 'invitation', 'sms', 'zh-CN', '邀请', $2, $3, $4) RETURNING id::text`,
      [org.orgId, body, recipient, t.clock.now()],
    ),
  );
  return row!.id;
}
const messageRow = async (id: string) =>
  (await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ status: string; attempts: number; last_error: string | null }>(`SELECT status, attempts, last_error FROM outbox_messages WHERE org_id = $1 AND id = $2`, [org.orgId, id])))[0]!;

describe('SMS through an HTTP gateway', () => {
  it('POSTs the template with the number and text JSON-escaped, and the auth header', async () => {
    const hostile = '您好，请评价 "朝阳门店" 的服务：\nhttps://xm.xingchen.example/s/abc\\ 回T退订", "type": 2, "x": "';
    const id = await queueSms('+8613812345678', hostile);
    expect(await sendQueuedSms(t.ctx, createHttpSmsGateway(t.ctx.config))).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['x-api-key']).toBe('sms-5ecret-key-do-not-log');
    expect(received[0]!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(received[0]!.body)).toEqual({ sign: '星辰零售', mobile: '+8613812345678', content: hostile, type: 1 });
    expect(await messageRow(id)).toEqual({ status: 'sent', attempts: 1, last_error: null });
    expect(await sendQueuedSms(t.ctx, createHttpSmsGateway(t.ctx.config))).toEqual({ sent: 0, failed: 0 }); // never twice
  });

  it('keeps a refused message queued with the gateway’s answer, retries it, and marks it failed after five attempts', async () => {
    received.length = 0;
    plan.push(503);
    const retried = await queueSms('13900000001', 'retry me');
    await sendQueuedSms(t.ctx, createHttpSmsGateway(t.ctx.config));
    expect(await messageRow(retried)).toEqual({ status: 'queued', attempts: 1, last_error: 'SMS gateway answered HTTP 503: {"code":503,"message":"upstream carrier busy"}' });
    await sendQueuedSms(t.ctx, createHttpSmsGateway(t.ctx.config));
    expect(await messageRow(retried)).toEqual({ status: 'sent', attempts: 2, last_error: null });

    plan.push(500, 500, 500, 500, 500);
    const doomed = await queueSms('13900000002', 'never arrives');
    for (let run = 0; run < 5; run++) await sendQueuedSms(t.ctx, createHttpSmsGateway(t.ctx.config));
    expect(await messageRow(doomed)).toMatchObject({ status: 'failed', attempts: 5, last_error: expect.stringContaining('HTTP 500') });
    await sendQueuedSms(t.ctx, createHttpSmsGateway(t.ctx.config));
    expect(received.filter((r) => r.body.includes('never arrives'))).toHaveLength(5);
    for (const m of [await messageRow(retried), await messageRow(doomed)]) expect(m.last_error ?? '').not.toContain('do-not-log');
  });

  it('records an unreachable gateway as an error, without the auth header', async () => {
    // A port that was just free: nothing listens there any more.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = createHttpSmsGateway({ LODESTAR_SMS_GATEWAY_URL: `http://127.0.0.1:${port}/sms`, LODESTAR_SMS_GATEWAY_AUTH: AUTH, LODESTAR_SMS_GATEWAY_BODY: TEMPLATE });
    const id = await queueSms('13900000003', 'nobody listens');
    await sendQueuedSms(t.ctx, down);
    const row = await messageRow(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, last_error: 'SMS gateway unreachable: ECONNREFUSED' });
    await sendQueuedSms(t.ctx, createHttpSmsGateway(t.ctx.config));
  });

  it('tells admins the SMS gateway is on, by host only', async () => {
    const res = await t.app.inject({ url: '/api/v1/message-channels', headers: bearer(org.adminKey) });
    expect(res.json()).toEqual({ email: { isConfigured: false }, sms: { isConfigured: true, gatewayHost: expect.stringMatching(/^127\.0\.0\.1:\d+$/) } });
  });
});

describe('SMS configuration', () => {
  const base = { LODESTAR_PUBLIC_URL: 'https://xm.example', LODESTAR_SMS_GATEWAY_URL: 'https://sms.example/send' };
  const errorOf = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return null;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('refuses a template that is not JSON, lacks a placeholder or puts one outside a string', () => {
    expect(errorOf(base)).toBeNull();
    for (const body of ['{"to":"{{to}}"}', '{"to":{{to}},"text":"{{text}}"}', 'to={{to}}&text={{text}}']) {
      expect(errorOf({ ...base, LODESTAR_SMS_GATEWAY_BODY: body })).toContain('LODESTAR_SMS_GATEWAY_BODY');
    }
  });

  it('refuses an auth value that is not a header line, without echoing it, and a gateway without the public URL', () => {
    const message = errorOf({ ...base, LODESTAR_SMS_GATEWAY_AUTH: 'Bearer t0ps3cret' });
    expect(message).toContain('LODESTAR_SMS_GATEWAY_AUTH');
    expect(message).not.toContain('t0ps3cret');
    expect(errorOf({ LODESTAR_SMS_GATEWAY_URL: 'https://sms.example/send' })).toContain('LODESTAR_PUBLIC_URL');
  });

  it('JSON-escapes control characters and quotes on substitution', () => {
    const text = 'a"b\\c\nd\te\u0001f';
    expect(JSON.parse(renderSmsBody('{"t":"{{text}}","n":"{{to}}"}', { to: '1"2', text }))).toEqual({ t: text, n: '1"2' });
  });
});
