import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildReportsOrg, headlineFigures, metricFigures, type ReportsOrg } from './reports.fixtures.ts';
import { HEADLINE_METRICS } from './review.service.ts';

// The monthly review as HTML on a small organisation: its figures are the metrics API's, it keeps the viewer's
// data scope, and bad input or a role that may not read it gets a clear 4xx.

let t: TestApp;
let o: ReportsOrg;
const review = (query: string, key = o.org.adminKey) => t.app.inject({ url: `/api/v1/reports/monthly?${query}`, headers: bearer(key) });

beforeAll(async () => {
  t = await createTestApp();
  o = await buildReportsOrg(t);
  t.clock.set('2026-02-10T04:00:00Z');
}, 180_000);
afterAll(() => t.close());

describe('monthly review (HTML)', () => {
  it('is a self-contained A4 document whose every headline figure equals the metrics API for the month', async () => {
    const res = await review('month=2026-01&lang=zh-CN');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="monthly-review-2026-01-zh-CN.html"');
    const html = res.body;
    expect(html).toContain('月度体验回顾');
    expect(html).toContain('2026年1月');
    expect(html).toContain('size: A4');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3); // the two trend charts and NPS by unit, drawn on the server

    const cards = headlineFigures(html);
    expect(Object.keys(cards)).toEqual([...HEADLINE_METRICS]);
    for (const metric of HEADLINE_METRICS) {
      expect(cards[metric], metric).toEqual(await metricFigures(t, o.org.adminKey, metric, '2026-01-01', '2026-02-01'));
    }
    // 13 January answers: 7 promoters, 1 passive, 5 detractors → NPS 15.385, shown to one decimal.
    expect(cards.nps).toMatchObject({ n: 13, value: 15.385 });
    expect(html).toMatch(/data-metric="nps"[^>]*>\s*<div class="label">[^<]*<\/div>\s*<div class="value">15\.4</);
    expect(html).toContain('北京三里屯店');
  });

  it('writes the same review in English', async () => {
    const res = await review('month=2026-01&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Monthly experience review');
    expect(res.body).toContain('January 2026');
    expect(res.body).toContain('Beijing Sanlitun Store');
    expect(headlineFigures(res.body).nps).toEqual(headlineFigures((await review('month=2026-01&lang=zh-CN')).body).nps);
  });

  it('covers a manager’s subtree only, with the figures the metrics API gives that manager', async () => {
    const res = await review('month=2026-01&lang=en', o.manager.key);
    expect(res.statusCode, res.body).toBe(200);
    const cards = headlineFigures(res.body);
    for (const metric of HEADLINE_METRICS) {
      expect(cards[metric], metric).toEqual(await metricFigures(t, o.manager.key, metric, '2026-01-01', '2026-02-01'));
    }
    // The subtree's 8 January answers (6 promoters, 1 passive, 1 detractor), not the organisation's 13.
    expect(cards.nps).toMatchObject({ n: 8, value: 62.5 });
    expect(res.body).toContain('Scope: East Region and the units below it');
    expect(res.body).toContain('Nanjing Road Store');
    expect(res.body).not.toContain('Beijing Sanlitun Store');
  });

  it('marks a month still running as month to date', async () => {
    const res = await review('month=2026-02&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('This month is not over');
  });

  it('answers 400 to a malformed, impossible or future month and to an unknown language or format', async () => {
    for (const query of ['month=2026-13', 'month=2026-1', 'month=January', 'month=', 'lang=en', 'month=2026-01&lang=fr', 'month=2026-01&format=docx']) {
      const res = await review(query);
      expect([res.statusCode, res.json().error.code], query).toEqual([400, 'invalid_request']);
    }
    const future = await review('month=2026-03');
    expect([future.statusCode, future.json().error.code]).toEqual([400, 'month_not_started']);
  });

  it('is refused to an employee (403)', async () => {
    const res = await review('month=2026-01', o.staff.key);
    expect([res.statusCode, res.json().error.code]).toEqual([403, 'forbidden']);
  });
});
