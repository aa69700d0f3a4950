import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

interface Received {
  to: string[];
  raw: string;
}

let t: TestApp;
let org: TestOrg;
let smtp: SMTPServer;
const inbox: Received[] = [];
/** Recipients the fake server refuses, to prove a failure is retried and then recorded. */
const refused = new Set<string>();

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) return callback(new Error('550 mailbox unavailable'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({
    LODESTAR_SMTP_URL: `smtp://127.0.0.1:${port}`,
    LODESTAR_SMTP_FROM: 'Xingchen <cx@xingchen.example>',
    LODESTAR_PUBLIC_URL: 'https://xm.xingchen.example',
  });
  org = await buildOrg(t.ctx);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

const send = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(org.adminKey), payload });
const messages = async () =>
  (await t.app.inject({ url: '/api/v1/messages?limit=500', headers: bearer(org.adminKey) })).json().items as {
    recipient: string;
    status: string;
    attempts: number;
    lastError: string | null;
    sentAt: string | null;
  }[];

async function inviteByEmail(email: string): Promise<void> {
  const c = await send('/api/v1/customers', { externalId: email, name: '王先生', email });
  const res = await send('/api/v1/interactions', {
    customerId: c.json().id,
    type: 'delivery',
    channel: 'app',
    touchpoint: '送货上门',
    occurredAt: t.clock.now().toISOString(),
  });
  expect(res.statusCode, res.body).toBe(201);
  await t.ctx.events.drain();
}

describe('e-mail through SMTP', () => {
  it('delivers queued invitations through the configured server once, and records a refused address as failed after retries', async () => {
    const survey = await send('/api/v1/surveys', {
      name: '配送回访',
      questions: [{ key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Likelihood to recommend' } }],
    });
    expect((await send('/api/v1/survey-triggers', { surveyId: survey.json().id, channel: 'email' })).statusCode).toBe(201);
    await t.ctx.jobs.every('surveys.send-email', 60_000); // what startBackgroundWork does when SMTP is configured
    await inviteByEmail('li.na@example.com');
    refused.add('bounce@example.com');
    await inviteByEmail('bounce@example.com');

    await t.ctx.jobs.runDue();
    expect(inbox.map((m) => m.to)).toEqual([['li.na@example.com']]);
    expect(inbox[0]!.raw).toContain('From: Xingchen <cx@xingchen.example>');
    const body = decodeBody(inbox[0]!.raw);
    expect(body).toMatch(/https:\/\/xm\.xingchen\.example\/s\/[A-Za-z0-9_-]{24}/); // the personal link, absolute
    const byRecipient = Object.fromEntries((await messages()).map((m) => [m.recipient, m]));
    expect(byRecipient['li.na@example.com']).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(byRecipient['bounce@example.com']).toMatchObject({ status: 'queued', attempts: 1 });
    expect(byRecipient['bounce@example.com']!.lastError).toContain('550');

    for (let i = 0; i < 6; i++) {
      t.clock.advance(60_000);
      await t.ctx.jobs.runDue();
    }
    expect(inbox).toHaveLength(1); // sent messages are never sent again
    const bounced = (await messages()).find((m) => m.recipient === 'bounce@example.com')!;
    expect(bounced).toMatchObject({ status: 'failed', attempts: 5 });
  });
});

/** The text body of a single-part message, whichever transfer encoding nodemailer chose. */
function decodeBody(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).trim();
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => `%${hex}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/g, '%25'));
  }
  return body;
}
