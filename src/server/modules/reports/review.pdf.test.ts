import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed-demo.ts';
import { DEMO_PASSWORD } from '../../demo/demo-org.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { headlineFigures } from './reports.fixtures.ts';
import { HEADLINE_METRICS } from './review.service.ts';

// Last month's review of the demo organisation: its figures are the metrics API's (for the admin and for a regional
// manager), and its PDF, printed by headless Chromium, is A4 and searchable in both languages.

const MONTH = '2026-02';
const NEXT = '2026-03';
const hasPdfTools = fs.existsSync('/usr/bin/chromium') && fs.existsSync('/usr/bin/pdftotext');
if (!hasPdfTools) console.warn('review.pdf.test: skipping the PDF tests: /usr/bin/chromium or /usr/bin/pdftotext is missing (Debian packages chromium, poppler-utils, fonts-noto-cjk)');

let t: TestApp;
const cookies: Record<string, string> = {};
const get = (url: string, who: string) => t.app.inject({ url, headers: { cookie: cookies[who]! } });

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set('2026-03-09T02:00:00Z'); // the demo's history ends now; last month is February
  await seedDemo(t.ctx);
  for (const email of ['admin@demo.lodestar.local', 'east.manager@demo.lodestar.local']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: DEMO_PASSWORD, org: 'demo' } });
    expect(res.statusCode, res.body).toBe(200);
    cookies[email] = res.headers['set-cookie'] as string;
  }
}, 240_000);
afterAll(() => t.close(), 30_000);

describe('demo organisation, last month', () => {
  it('shows every headline figure exactly as the metrics API gives it, to the admin and to a regional manager', async () => {
    const nps: Record<string, number> = {};
    for (const who of Object.keys(cookies)) {
      const res = await get(`/api/v1/reports/monthly?month=${MONTH}&lang=en`, who);
      expect(res.statusCode, res.body).toBe(200);
      const cards = headlineFigures(res.body);
      for (const metric of HEADLINE_METRICS) {
        const api = (await get(`/api/v1/metrics/${metric}?from=${MONTH}-01&to=${NEXT}-01`, who)).json();
        expect(cards[metric], `${who} ${metric}`).toEqual({ value: api.rows[0].value, n: api.rows[0].n, change: api.comparison.change, pValue: api.comparison.pValue });
      }
      expect(cards.nps!.n, who).toBeGreaterThan(20);
      nps[who] = cards.nps!.n;
    }
    expect(nps['east.manager@demo.lodestar.local']).toBeLessThan(nps['admin@demo.lodestar.local']!); // East China only
  }, 60_000);

  it.skipIf(!hasPdfTools)('prints an A4 PDF whose text holds the title in Chinese and the month’s NPS, and the same in English', async () => {
    const api = (await get(`/api/v1/metrics/nps?from=${MONTH}-01&to=${NEXT}-01`, 'admin@demo.lodestar.local')).json();
    const npsText = (api.rows[0].value as number).toFixed(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-pdf-'));
    for (const [lang, phrases] of [
      ['zh-CN', ['月度体验回顾', '2026年2月', '核心指标', '净推荐值']],
      ['en', ['Monthly experience review', 'February 2026', 'Headline metrics']],
    ] as const) {
      const res = await get(`/api/v1/reports/monthly?month=${MONTH}&lang=${lang}&format=pdf`, 'admin@demo.lodestar.local');
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="monthly-review-${MONTH}-${lang}.pdf"`);
      const file = path.join(dir, `review-${lang}.pdf`);
      fs.writeFileSync(file, res.rawPayload);
      const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      for (const phrase of phrases) expect(text, phrase).toContain(phrase);
      expect(text).toContain(npsText);
      const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    }
  }, 120_000);
});
