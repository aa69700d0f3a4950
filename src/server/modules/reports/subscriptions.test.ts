import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../../platform/clock.ts';
import { bearer } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildReportsOrg, headlineFigures, metricFigures, mimeParts, subjectOf, type ReportsOrg } from './reports.fixtures.ts';

// Subscriptions to the monthly review: who may be subscribed, and the job that mails last month's review on the 1st,
// rendered as each subscriber (a manager gets their subtree's figures), through a real SMTP server in this process.

interface Received {
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
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
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(resolve)));

const mailEnv = (chromium: string) => ({ LODESTAR_SMTP_URL: smtpUrl, LODESTAR_PUBLIC_URL: 'https://xm.example.com', LODESTAR_CHROMIUM_PATH: chromium });

/** Subscribes while it is January, then moves to the given instant of 1 February and runs the due jobs as the runner would. */
async function runFirstOfMonth(t: TestApp, at: string): Promise<void> {
  await t.ctx.jobs.every('reports.schedule-monthly', HOUR); // what startBackgroundWork does with SMTP configured
  t.clock.set(at);
  await t.ctx.jobs.runDue();
}

const subscribe = (t: TestApp, key: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/reports/monthly/subscriptions', headers: bearer(key), payload });

describe('without Chromium', () => {
  let t: TestApp;
  let o: ReportsOrg;
  beforeAll(async () => {
    t = await createTestApp(mailEnv('/nonexistent/chromium'));
    o = await buildReportsOrg(t);
  }, 180_000);
  afterAll(() => t.close());

  it('answers a PDF request with 503 pdf_unavailable naming what to install, and still serves HTML', async () => {
    t.clock.set('2026-02-10T04:00:00Z');
    const res = await t.app.inject({ url: '/api/v1/reports/monthly?month=2026-01&format=pdf', headers: bearer(o.org.adminKey) });
    expect([res.statusCode, res.json().error.code]).toEqual([503, 'pdf_unavailable']);
    expect(res.json().error.message).toMatch(/Chromium.*Debian package chromium.*fonts-noto-cjk/s);
    const html = await t.app.inject({ url: '/api/v1/reports/monthly?month=2026-01&format=html', headers: bearer(o.org.adminKey) });
    expect(html.statusCode).toBe(200);
    t.clock.set('2026-01-20T04:00:00Z');
  });

  it('refuses addresses that are nobody, or somebody who may not read the review, with a clear code', async () => {
    const cases: Array<[object, number, string]> = [
      [{ emails: ['nobody@example.com'], lang: 'en' }, 400, 'unknown_subscriber'],
      [{ emails: [o.staff.email] }, 400, 'subscriber_cannot_read_report'],
      [{ emails: ['not an address'] }, 400, 'invalid_request'],
      [{ emails: [] }, 400, 'invalid_request'],
      [{ emails: [o.manager.email], lang: 'fr' }, 400, 'invalid_request'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await subscribe(t, o.org.adminKey, payload);
      expect([res.statusCode, res.json().error.code], JSON.stringify(payload)).toEqual([status, code]);
    }
    const unknown = await subscribe(t, o.org.adminKey, { emails: [o.manager.email, 'nobody@example.com'] });
    expect(unknown.json().error.details.emails).toEqual(['nobody@example.com']);
    const byManager = await subscribe(t, o.manager.key, { emails: [o.manager.email] });
    expect([byManager.statusCode, byManager.json().error.code]).toEqual([403, 'forbidden']);
    const list = await t.app.inject({ url: '/api/v1/reports/monthly/subscriptions', headers: bearer(o.org.adminKey) });
    expect(list.json()).toEqual({ items: [], mailEnabled: true });
  });

  it('keeps one subscription per person (again only changes the language), lists and deletes them', async () => {
    const first = await subscribe(t, o.org.adminKey, { emails: [o.manager.email.toUpperCase(), o.adminLogin.email], lang: 'en' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().items).toHaveLength(2);
    const again = await subscribe(t, o.org.adminKey, { emails: [o.manager.email], lang: 'zh-CN' });
    expect(again.json().items).toMatchObject([{ email: o.manager.email, role: 'manager', lang: 'zh-CN', lastSentMonth: null }]);
    const list = (await t.app.inject({ url: '/api/v1/reports/monthly/subscriptions', headers: bearer(o.org.adminKey) })).json();
    expect(list.items.map((s: { email: string; lang: string }) => [s.email, s.lang]).sort()).toEqual([[o.adminLogin.email, 'en'], [o.manager.email, 'zh-CN']].sort());
    const admin = list.items.find((s: { email: string }) => s.email === o.adminLogin.email);
    const del = (id: string) => t.app.inject({ method: 'DELETE', url: `/api/v1/reports/monthly/subscriptions/${id}`, headers: bearer(o.org.adminKey) });
    expect((await del(admin.id)).statusCode).toBe(204);
    expect((await del(admin.id)).statusCode).toBe(404);
  });

  it('mails the HTML review instead, and says so, when no PDF can be made', async () => {
    inbox.length = 0;
    await runFirstOfMonth(t, '2026-02-01T01:00:00Z'); // 09:00 in Shanghai
    expect(inbox.map((m) => m.to)).toEqual([[o.manager.email]]);
    const parts = mimeParts(inbox[0]!.raw);
    const text = parts.find((p) => p.headers['content-type']?.startsWith('text/plain'))!.body.toString('utf8');
    expect(text).toContain('PDF 暂时无法生成');
    const attachment = parts.find((p) => p.headers['content-disposition']?.startsWith('attachment'))!;
    expect(attachment.headers['content-type']).toMatch(/^text\/html/);
    expect(attachment.headers['content-disposition']).toContain('monthly-review-2026-01-zh-CN.html');
    const cards = headlineFigures(attachment.body.toString('utf8'));
    expect(cards.nps).toEqual(await metricFigures(t, o.manager.key, 'nps', '2026-01-01', '2026-02-01'));
    expect(cards.nps!.n).toBe(8); // the manager's subtree, not the organisation's 13
  });
});

const hasPdfTools = fs.existsSync('/usr/bin/chromium') && fs.existsSync('/usr/bin/pdftotext');
if (!hasPdfTools) console.warn('subscriptions.test: skipping the PDF e-mail test: /usr/bin/chromium or /usr/bin/pdftotext is missing (Debian packages chromium, poppler-utils)');

describe.skipIf(!hasPdfTools)('on the 1st, with Chromium', () => {
  let t: TestApp;
  let o: ReportsOrg;
  beforeAll(async () => {
    t = await createTestApp(mailEnv('/usr/bin/chromium'));
    o = await buildReportsOrg(t);
    const res = await subscribe(t, o.org.adminKey, { emails: [o.manager.email, o.adminLogin.email], lang: 'en' });
    expect(res.statusCode, res.body).toBe(201);
  }, 180_000);
  afterAll(() => t.close());

  it('sends nothing before 06:00 local time on the 1st, then each subscriber their own PDF once', async () => {
    inbox.length = 0;
    await runFirstOfMonth(t, '2026-01-31T20:00:00Z'); // 04:00 on 1 February in Shanghai
    expect(inbox).toEqual([]);
    t.clock.set('2026-02-01T01:00:00Z');
    await t.ctx.jobs.runDue();
    expect(inbox.map((m) => m.to[0]).sort()).toEqual([o.adminLogin.email, o.manager.email].sort());

    const ownNps = { [o.manager.email]: '62.5', [o.adminLogin.email]: '15.4' };
    for (const mail of inbox) {
      const parts = mimeParts(mail.raw);
      expect(subjectOf(mail.raw)).toMatch(/^Monthly experience review · January 2026 · Test Co /);
      const text = parts.find((p) => p.headers['content-type']?.startsWith('text/plain'))!.body.toString('utf8');
      expect(text).toContain(`- Net Promoter Score: ${ownNps[mail.to[0]!]}`);
      const pdf = parts.find((p) => p.headers['content-type']?.startsWith('application/pdf'))!;
      expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'review-mail-')), 'review.pdf');
      fs.writeFileSync(file, pdf.body);
      const pdfText = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(pdfText).toContain('January 2026');
      expect(pdfText).toContain(ownNps[mail.to[0]!]);
    }
    const managerPdf = mimeParts(inbox.find((m) => m.to[0] === o.manager.email)!.raw).find((p) => p.headers['content-type']?.startsWith('application/pdf'))!;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'review-mail-')), 'manager.pdf');
    fs.writeFileSync(file, managerPdf.body);
    expect(execFileSync('/usr/bin/pdftotext', [file, '-'], { encoding: 'utf8' })).not.toContain('Beijing Sanlitun Store');

    const list = (await t.app.inject({ url: '/api/v1/reports/monthly/subscriptions', headers: bearer(o.org.adminKey) })).json();
    expect(list.items.map((s: { lastSentMonth: string; lastError: string | null }) => [s.lastSentMonth, s.lastError])).toEqual([
      ['2026-01', null],
      ['2026-01', null],
    ]);
    t.clock.advance(3 * HOUR);
    await t.ctx.jobs.runDue();
    expect(inbox).toHaveLength(2); // once a month
  }, 120_000);
});
