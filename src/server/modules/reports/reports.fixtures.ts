/**
 * Tests only: an organisation with a region (managed), a store under it and another store outside it,
 * answers in December 2025 and January 2026 spread over them, and helpers to read a review's figures.
 */
import { expect } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, buildUser, type TestOrg } from '../../testing/factories.ts';
import type { TestApp } from '../../testing/test-app.ts';

export interface ReportsOrg {
  org: TestOrg;
  units: { region: string; store: string; other: string };
  manager: { employeeId: string; key: string; email: string };
  staff: { employeeId: string; key: string; email: string };
  adminLogin: { email: string };
}

const QUESTIONS = [
  { key: 'nps', type: 'nps', title: { 'zh-CN': '推荐意愿', en: 'Recommend' } },
  { key: 'csat', type: 'csat', title: { 'zh-CN': '满意度', en: 'Satisfaction' } },
  { key: 'ces', type: 'ces', title: { 'zh-CN': '费力度', en: 'Effort' } },
];

/** NPS, CSAT and CES answers per unit and month: the region's subtree does better than the other store. */
const ANSWERS: Record<'region' | 'store' | 'other', Record<string, Array<[number, number, number]>>> = {
  region: { '2025-12-10T03:00:00Z': [[9, 4, 6], [7, 4, 5], [6, 3, 4]], '2026-01-12T03:00:00Z': [[10, 5, 6], [9, 5, 7], [8, 4, 5]] },
  store: { '2025-12-11T03:00:00Z': [[8, 4, 5], [5, 2, 3]], '2026-01-13T03:00:00Z': [[10, 5, 7], [9, 4, 6], [9, 5, 6], [3, 2, 2], [9, 5, 6]] },
  other: { '2025-12-12T03:00:00Z': [[6, 3, 4], [2, 1, 2], [9, 4, 6]], '2026-01-14T03:00:00Z': [[1, 1, 1], [4, 2, 3], [6, 3, 3], [10, 5, 7], [0, 1, 2]] },
};

export async function buildReportsOrg(t: TestApp): Promise<ReportsOrg> {
  t.clock.set('2026-01-20T04:00:00Z');
  const org = await buildOrg(t.ctx);
  const post = async (url: string, payload: object) => {
    const res = await t.app.inject({ method: 'POST', url, headers: bearer(org.adminKey), payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const region = (await post('/api/v1/units', { name: '华东大区', nameEn: 'East Region', parentId: org.rootUnitId, kind: 'region' })).id as string;
  const store = (await post('/api/v1/units', { name: '南京路店', nameEn: 'Nanjing Road Store', parentId: region, kind: 'store' })).id as string;
  const other = (await post('/api/v1/units', { name: '北京三里屯店', nameEn: 'Beijing Sanlitun Store', parentId: org.rootUnitId, kind: 'store' })).id as string;
  const managerStaff = await buildEmployeeWithKey(t.ctx, org, { role: 'manager', unitId: region, name: '周经理' });
  const staffMember = await buildEmployeeWithKey(t.ctx, org, { unitId: store, managerId: managerStaff.employeeId, name: '李店员' });
  const manager = { ...managerStaff, email: (await buildUser(t.ctx, org, 'manager', managerStaff.employeeId)).email };
  const staff = { ...staffMember, email: (await buildUser(t.ctx, org, 'employee', staffMember.employeeId)).email };
  const adminLogin = await buildUser(t.ctx, org, 'admin');
  const surveyId = (await post('/api/v1/surveys', { name: '回访', questions: QUESTIONS })).id as string;
  const unitIds = { region, store, other };
  const items = Object.entries(ANSWERS).flatMap(([unit, byTime]) =>
    Object.entries(byTime).flatMap(([submittedAt, answers]) =>
      answers.map(([nps, csat, ces]) => ({ surveyId, submittedAt, unitId: unitIds[unit as keyof typeof unitIds], answers: { nps, csat, ces } })),
    ),
  );
  const batch = await post('/api/v1/responses/batch', { items });
  expect(batch.created, JSON.stringify(batch)).toBe(items.length);
  return { org, units: unitIds, manager, staff, adminLogin };
}

export interface CardFigures {
  value: number | null;
  n: number;
  change: number | null;
  pValue: number | null;
}

/** The machine-readable figures each headline card carries, by metric. */
export function headlineFigures(html: string): Record<string, CardFigures> {
  const cards: Record<string, CardFigures> = {};
  const num = (s: string) => (s === '' ? null : Number(s));
  for (const m of html.matchAll(/data-metric="(\w+)" data-value="([^"]*)" data-n="(\d+)" data-change="([^"]*)" data-p="([^"]*)"/g)) {
    cards[m[1]!] = { value: num(m[2]!), n: Number(m[3]), change: num(m[4]!), pValue: num(m[5]!) };
  }
  return cards;
}

/** What `GET /api/v1/metrics/:metric` says for the month, in the same shape. */
export async function metricFigures(t: TestApp, key: string, metric: string, from: string, to: string): Promise<CardFigures> {
  const res = await t.app.inject({ url: `/api/v1/metrics/${metric}?from=${from}&to=${to}`, headers: bearer(key) });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return { value: body.rows[0].value, n: body.rows[0].n, change: body.comparison.change, pValue: body.comparison.pValue };
}

/** The parts of a MIME message: headers (lower-cased names) and the decoded body. */
export function mimeParts(raw: string): Array<{ headers: Record<string, string>; body: Buffer }> {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const chunks = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  return chunks.map((chunk) => {
    const split = chunk.search(/\r?\n\r?\n/);
    const head = chunk.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
    const headers = Object.fromEntries(
      head
        .split(/\r?\n/)
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const text = chunk.slice(split).trim();
    const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
    if (encoding === 'base64') return { headers, body: Buffer.from(text.replace(/\s+/g, ''), 'base64') };
    if (encoding === 'quoted-printable') {
      const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      return { headers, body: Buffer.from(bytes, 'latin1') };
    }
    return { headers, body: Buffer.from(text) };
  });
}

/** A message's Subject header with its RFC 2047 encoded words (=?UTF-8?B?…?= or ?Q?) decoded. */
export function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
    .replace(/\r?\n[ \t]+/g, ' ');
}
