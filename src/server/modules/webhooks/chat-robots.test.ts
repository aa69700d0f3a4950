import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../platform/events/index.ts';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { retryDelayMs } from './index.ts';
import { maskRobotUrl } from './chat-robots.formats.ts';

let t: TestApp;
let a: TestOrg;
let b: TestOrg;
let units: { region: string; storeA: string; storeB: string };
let wangFang: string;
let liLei: string;

interface Received {
  path: string;
  query: URLSearchParams;
  body: string;
}

/** A fake chat platform on a free local port: records every request, answers the `plan` replies in turn, then `{"errcode":0}`. */
async function startPlatform(plan: Array<{ status: number; body: string }> = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      received.push({ path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8') });
      const reply = plan.shift() ?? { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const at = (path: string) => received.filter((r) => r.path === path);
  return { base, received, at, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const send = (key: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: bearer(key), payload: payload as InjectOptions['payload'] });
const emit = (org: TestOrg, name: string, payload: object) => t.ctx.db.tenant(org.orgId, (tx) => publish(tx, name, payload, { at: t.clock.now() }));
const pump = async () => {
  await t.ctx.events.drain();
  await t.ctx.jobs.runDue();
};

async function addRobot(org: TestOrg, body: Record<string, unknown>) {
  const res = await send(org.adminKey, 'POST', '/api/v1/chat-robots', { name: 'robot', events: ['praise.received'], ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; urlHint: string; hasSecret: boolean };
}
const removeAll = async (org: TestOrg) => {
  for (const r of (await send(org.adminKey, 'GET', '/api/v1/chat-robots')).json().items) await send(org.adminKey, 'DELETE', `/api/v1/chat-robots/${r.id}`);
};
const deliveriesOf = async (org: TestOrg, id: string) => (await send(org.adminKey, 'GET', `/api/v1/chat-robots/${id}/deliveries`)).json().items;

beforeAll(async () => {
  t = await createTestApp({ LODESTAR_WEBHOOKS_ALLOW_PRIVATE: 'true', LODESTAR_PUBLIC_URL: 'https://xm.xingchen.example' });
  a = await buildOrg(t.ctx);
  b = await buildOrg(t.ctx);
  const unit = async (name: string, nameEn: string, parentId: string, kind: string) =>
    (await send(a.adminKey, 'POST', '/api/v1/units', { name, nameEn, parentId, kind })).json().id as string;
  const region = await unit('华北区', 'North region', a.rootUnitId, 'region');
  units = { region, storeA: await unit('朝阳门店', 'Chaoyang store', region, 'store'), storeB: await unit('西单门店', 'Xidan store', a.rootUnitId, 'store') };
  wangFang = (await buildEmployeeWithKey(t.ctx, a, { unitId: units.storeA, name: '王芳' })).employeeId;
  liLei = (await buildEmployeeWithKey(t.ctx, a, { unitId: units.storeB, name: '李雷' })).employeeId;
});
afterAll(() => t.close());

const praise = (over: object = {}) => ({
  responseId: randomUUID(), employeeId: wangFang, unitId: units.storeA, text: '王芳服务特别好，耐心解答，电话13812345678 随时找她 [点我](http://evil.example)', points: 5, ...over,
});

describe('chat robot settings', () => {
  it('never returns the URL token or the secret, and the app role cannot read them back', async () => {
    const token = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
    const secret = 'SEC0123456789abcdef0123456789abcdef';
    const created = await addRobot(a, { kind: 'dingtalk', url: `https://oapi.dingtalk.com/robot/send?access_token=${token}`, secret });
    expect(created).toMatchObject({ urlHint: 'https://oapi.dingtalk.com/robot/send?access_token=a1b2…', hasSecret: true });
    const list = await send(a.adminKey, 'GET', '/api/v1/chat-robots');
    const patched = await send(a.adminKey, 'PATCH', `/api/v1/chat-robots/${created.id}`, { secret: `${secret}X`, unitId: units.storeA, language: 'en' });
    expect(patched.json()).toMatchObject({ unitId: units.storeA, unitName: '朝阳门店', language: 'en', hasSecret: true });
    const audit = await t.ctx.db.tenant(a.orgId, (tx) => tx.query<{ t: string }>(`SELECT row_to_json(x)::text AS t FROM audit_log x WHERE entity_id = $1`, [created.id]));
    for (const body of [JSON.stringify(created), list.body, patched.body, audit.map((r) => r.t).join()]) {
      expect(body).not.toContain(token.slice(4, 20));
      expect(body).not.toContain(secret.slice(5, 20));
    }
    await expect(t.ctx.db.tenant(a.orgId, (tx) => tx.query(`SELECT secret FROM webhook_secrets`))).rejects.toThrow(/permission denied/);
    await expect(t.ctx.db.tenant(a.orgId, (tx) => tx.query(`SELECT url FROM webhook_secrets`))).rejects.toThrow(/permission denied/);
    const unsigned = await send(a.adminKey, 'PATCH', `/api/v1/chat-robots/${created.id}`, { secret: null });
    expect(unsigned.json()).toMatchObject({ hasSecret: false, secretHint: '' });
    // Robots are not standard webhooks: neither list nor routes mix them up.
    expect((await send(a.adminKey, 'GET', '/api/v1/webhooks')).body).not.toContain(created.id);
    expect((await send(a.adminKey, 'GET', `/api/v1/webhooks/${created.id}/deliveries`)).statusCode).toBe(404);
    await removeAll(a);
  });

  it('refuses a secret for robots that cannot sign, an unknown unit and bad input with 400s; admins only; tenants apart', async () => {
    const bad = [
      [{ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=1', secret: 'abcdefgh12' }, 'secret_not_supported'],
      [{ kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/X', unitId: randomUUID() }, 'unit_not_found'],
      [{ kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/X', unitId: b.rootUnitId }, 'unit_not_found'],
      [{ kind: 'telegram', url: 'https://example.com/x' }, 'invalid_request'],
      [{ kind: 'feishu', url: 'javascript:alert(1)' }, 'invalid_request'],
      [{ kind: 'feishu', url: 'https://open.feishu.cn/x', events: ['case.closed'] }, 'invalid_request'],
      [{ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/x', secret: 'has space inside' }, 'invalid_request'],
    ] as const;
    for (const [body, code] of bad) {
      const res = await send(a.adminKey, 'POST', '/api/v1/chat-robots', { name: 'x', events: ['praise.received'], ...body });
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([400, code]);
    }
    const manager = await buildEmployeeWithKey(t.ctx, a, { role: 'manager' });
    expect((await send(manager.key, 'GET', '/api/v1/chat-robots')).statusCode).toBe(403);
    const theirs = await addRobot(b, { kind: 'slack', url: 'https://hooks.slack.com/services/T1/B1/Y' });
    for (const [method, url] of [['GET', `/api/v1/chat-robots/${theirs.id}/deliveries`], ['POST', `/api/v1/chat-robots/${theirs.id}/test`], ['PATCH', `/api/v1/chat-robots/${theirs.id}`], ['DELETE', `/api/v1/chat-robots/${theirs.id}`]] as const) {
      expect((await send(a.adminKey, method, url, method === 'PATCH' ? { enabled: false } : undefined)).statusCode).toBe(404);
    }
    await removeAll(b);
  });

  it('masks tokens in the path as well as in the query', () => {
    expect(maskRobotUrl('https://hooks.slack.com/services/T024BE7LD/B01234ABCDE/abcdefghijklmnopqrstuvwx')).toBe('https://hooks.slack.com/services/T024…/B012…/abcd…');
    expect(maskRobotUrl('https://open.feishu.cn/open-apis/bot/v2/hook/2f1c9a7e-1234-4bcd-8e8e-0123456789ab')).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/2f1c…');
  });
});

describe('chat robot messages', () => {
  it('speaks each platform’s format, signs DingTalk and Feishu as they verify, and keeps customer PII and markdown out', async () => {
    const platform = await startPlatform();
    const dingSecret = 'SECd1n9t4lk5ecretd1n9t4lk5ecret';
    const feishuSecret = 'fe1shu5ecretfe1shu';
    await addRobot(a, { kind: 'wecom', url: `${platform.base}/wecom?key=k1` });
    await addRobot(a, { kind: 'dingtalk', url: `${platform.base}/dingtalk?access_token=t1`, secret: dingSecret });
    await addRobot(a, { kind: 'feishu', url: `${platform.base}/feishu`, secret: feishuSecret });
    await addRobot(a, { kind: 'slack', url: `${platform.base}/slack`, language: 'en' });
    await emit(a, 'praise.received', praise());
    await pump();
    expect(platform.received).toHaveLength(4);
    const nowMs = t.clock.now().getTime();

    const wecom = JSON.parse(platform.at('/wecom')[0]!.body);
    expect(wecom.msgtype).toBe('markdown');
    expect(wecom.markdown.content).toContain('顾客夸了 王芳（朝阳门店）：「王芳服务特别好');
    expect(wecom.markdown.content).toContain('[查看表扬墙](https://xm.xingchen.example/recognition/praise)');
    expect(platform.at('/wecom')[0]!.query.get('key')).toBe('k1');

    const ding = platform.at('/dingtalk')[0]!;
    const timestamp = ding.query.get('timestamp')!;
    expect(Math.abs(Number(timestamp) - nowMs)).toBeLessThan(1000); // milliseconds
    expect(ding.query.get('sign')).toBe(createHmac('sha256', dingSecret).update(`${timestamp}\n${dingSecret}`).digest('base64'));
    expect(ding.query.get('access_token')).toBe('t1');
    const dingBody = JSON.parse(ding.body);
    expect(dingBody).toMatchObject({ msgtype: 'markdown', markdown: { title: '🎉 表扬' } });
    expect(dingBody.markdown.text).toContain('王芳 获得 5 积分');

    const feishu = JSON.parse(platform.at('/feishu')[0]!.body);
    expect(Math.abs(Number(feishu.timestamp) - nowMs / 1000)).toBeLessThan(2); // seconds, as a string
    expect(typeof feishu.timestamp).toBe('string');
    expect(feishu.sign).toBe(createHmac('sha256', `${feishu.timestamp}\n${feishuSecret}`).update('').digest('base64'));
    expect(feishu.msg_type).toBe('interactive');
    expect(feishu.card.header.title.content).toBe('🎉 表扬');
    expect(feishu.card.elements[1].actions[0].url).toBe('https://xm.xingchen.example/recognition/praise');

    const slack = JSON.parse(platform.at('/slack')[0]!.body);
    expect(slack.blocks[0].text.type).toBe('mrkdwn');
    expect(slack.blocks[0].text.text).toContain('A customer praised 王芳 (Chaoyang store)');
    expect(slack.blocks[0].text.text).toContain('<https://xm.xingchen.example/recognition/praise|Open the praise wall>');

    for (const r of platform.received) {
      expect(r.body).not.toContain('13812345678');
      // Markdown links in WeCom, DingTalk and Feishu; Slack's own <url|label> syntax (its mrkdwn ignores [x](y)).
      if (r.path !== '/slack') expect(r.body).not.toContain('](http://evil');
      expect(r.body).not.toContain('<http://evil');
    }
    await removeAll(a);
    await platform.close();
  });

  it('routes by unit: a store’s praise reaches that store’s group, its region’s and the organisation-wide one, not another store’s', async () => {
    const platform = await startPlatform();
    await addRobot(a, { kind: 'wecom', url: `${platform.base}/store-a`, unitId: units.storeA, events: ['praise.received', 'idea.accepted'] });
    await addRobot(a, { kind: 'wecom', url: `${platform.base}/region`, unitId: units.region, events: ['praise.received', 'idea.accepted'] });
    await addRobot(a, { kind: 'wecom', url: `${platform.base}/store-b`, unitId: units.storeB, events: ['praise.received', 'idea.accepted'] });
    await addRobot(a, { kind: 'slack', url: `${platform.base}/everyone`, events: ['praise.received', 'idea.accepted', 'case.created'] });
    await addRobot(a, { kind: 'wecom', url: `${platform.base}/off`, enabled: false });
    await emit(a, 'praise.received', praise());
    await pump();
    expect(platform.received.map((r) => r.path).sort()).toEqual(['/everyone', '/region', '/store-a']);
    // An idea has no unit of its own: it belongs to its author's (李雷, store B).
    await emit(a, 'idea.accepted', { ideaId: randomUUID(), title: '收银台加一个扫码枪', status: 'accepted', employeeId: liLei });
    await emit(a, 'case.created', { caseId: randomUUID(), priority: 'high', title: 'NPS 2: 等了半小时', unitId: units.storeB, employeeId: liLei });
    await pump();
    expect(platform.received.slice(3).map((r) => r.path).sort()).toEqual(['/everyone', '/everyone', '/store-b']);
    expect(platform.at('/store-b')[0]!.body).toContain('提出人 李雷（西单门店）');
    expect(platform.at('/everyone').map((r) => JSON.parse(r.body).blocks[0].text.text as string).join('\n')).toContain('*⚠️ 新工单（高）*\n>NPS 2: 等了半小时\n>西单门店 · 李雷');
    await removeAll(a);
    await platform.close();
  });

  it('retries a 500 and a 200 that says "refused", logging each attempt, and sends a test message the same way', async () => {
    const platform = await startPlatform([
      { status: 500, body: 'busy' },
      { status: 200, body: '{"errcode":310000,"errmsg":"sign not match"}' },
    ]);
    const robot = await addRobot(a, { kind: 'dingtalk', url: `${platform.base}/ding?access_token=t`, secret: 'SECabcdefgh12345678', unitId: units.region, events: ['praise.received', 'case.created'] });
    const test = await send(a.adminKey, 'POST', `/api/v1/chat-robots/${robot.id}/test`);
    expect(test.statusCode).toBe(202);
    await pump();
    let [delivery] = await deliveriesOf(a, robot.id);
    expect(delivery).toMatchObject({ eventName: 'chat_robot.test', status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500' });
    t.clock.advance(retryDelayMs(1));
    await t.ctx.jobs.runDue();
    [delivery] = await deliveriesOf(a, robot.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 200, lastError: 'dingtalk refused: 310000 sign not match' });
    t.clock.advance(retryDelayMs(2));
    await t.ctx.jobs.runDue();
    [delivery] = await deliveriesOf(a, robot.id);
    expect(delivery.status).toBe('succeeded');
    expect(delivery.log.map((l: { statusCode: number; error: string | null }) => [l.statusCode, l.error])).toEqual([
      [500, 'HTTP 500'],
      [200, 'dingtalk refused: 310000 sign not match'],
      [200, null],
    ]);
    // Each attempt is signed afresh with its own timestamp; the message itself is the same.
    const timestamps = platform.received.map((r) => r.query.get('timestamp'));
    expect(new Set(timestamps).size).toBe(3);
    expect(new Set(platform.received.map((r) => r.body)).size).toBe(1);
    const text = JSON.parse(platform.received[0]!.body).markdown.text as string;
    expect(text).toContain('Lodestar 测试消息');
    expect(text).toContain('这个群将收到：表扬、新工单');
    expect(text).toContain('范围：华北区及其下级单位');
    await removeAll(a);
    await platform.close();
  });
});
