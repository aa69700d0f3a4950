import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEmployeeWithKey } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { buildResponsesFixture } from './responses.fixtures.ts';

let t: TestApp;
let f: Awaited<ReturnType<typeof buildResponsesFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  f = await buildResponsesFixture(t);
});
afterAll(() => t.close());

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((r) => r.id).sort();

async function unit(name: string, parentId: string): Promise<string> {
  const res = await f.post(f.org.adminKey, '/api/v1/units', { name, parentId, kind: 'store' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function respond(body: Record<string, unknown>): Promise<string> {
  const res = await f.post(f.org.adminKey, '/api/v1/responses', { surveyId: f.surveyId, answers: { nps: 8 }, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('GET /api/v1/responses and /:id', () => {
  it('scopes by role: admin all, manager their subtree (by unit or serving employee), employee themself, partner none', async () => {
    const east = await unit('华东', f.org.rootUnitId);
    const eastStore = await unit('徐汇店', east);
    const west = await unit('华西', f.org.rootUnitId);
    const manager = await buildEmployeeWithKey(t.ctx, f.org, { unitId: east, role: 'manager' });
    const clerk = await buildEmployeeWithKey(t.ctx, f.org, { unitId: eastStore });
    const westClerk = await buildEmployeeWithKey(t.ctx, f.org, { unitId: west });
    const partner = await buildEmployeeWithKey(t.ctx, f.org, { unitId: west, role: 'partner' });

    const aboutClerk = await respond({ employeeId: clerk.employeeId, submittedAt: '2026-01-01T08:00:00Z' });
    const atEastStore = await respond({ unitId: eastStore, submittedAt: '2026-01-02T08:00:00Z' });
    const aboutWestClerk = await respond({ employeeId: westClerk.employeeId, submittedAt: '2026-01-03T08:00:00Z' });
    const atWest = await respond({ unitId: west, submittedAt: '2026-01-04T08:00:00Z' });

    const all = await f.get(f.org.adminKey, '/api/v1/responses?limit=500');
    expect(ids(all)).toEqual(expect.arrayContaining([aboutClerk, atEastStore, aboutWestClerk, atWest]));
    expect(ids(await f.get(manager.key, '/api/v1/responses?limit=500'))).toEqual([aboutClerk, atEastStore].sort());
    expect(ids(await f.get(clerk.key, '/api/v1/responses'))).toEqual([aboutClerk]);
    expect((await f.get(partner.key, '/api/v1/responses')).statusCode).toBe(403);

    expect((await f.get(manager.key, `/api/v1/responses/${atEastStore}`)).statusCode).toBe(200);
    expect((await f.get(manager.key, `/api/v1/responses/${aboutWestClerk}`)).statusCode).toBe(404);
    expect((await f.get(clerk.key, `/api/v1/responses/${atEastStore}`)).statusCode).toBe(404);
    expect((await f.get(westClerk.key, `/api/v1/responses/${aboutWestClerk}`)).statusCode).toBe(200);

    expect(ids(await f.get(f.org.adminKey, `/api/v1/responses?unitId=${east}&limit=500`))).toEqual([aboutClerk, atEastStore].sort());
    expect(ids(await f.get(f.org.adminKey, `/api/v1/responses?employeeId=${westClerk.employeeId}`))).toEqual([aboutWestClerk]);
    const window = await f.get(f.org.adminKey, '/api/v1/responses?from=2026-01-02T00:00:00Z&to=2026-01-04T00:00:00Z&limit=500');
    expect(ids(window)).toEqual([atEastStore, aboutWestClerk].sort());
  });

  it('filters by survey and pages newest first without repeating or skipping', async () => {
    const other = await f.createSurvey();
    const created: string[] = [];
    for (let day = 10; day < 17; day++) {
      created.push(await respond({ surveyId: other, submittedAt: `2025-12-${day}T09:00:00.000Z` }));
      // Two responses at the same instant: the id breaks the tie.
      if (day === 12) created.push(await respond({ surveyId: other, submittedAt: `2025-12-${day}T09:00:00.000Z` }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; submittedAt: string }[]; nextCursor: string | null } = (
        await f.get(f.org.adminKey, `/api/v1/responses?surveyId=${other}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...created].sort());
    const newest = (await f.get(f.org.adminKey, `/api/v1/responses?surveyId=${other}&limit=1`)).json().items[0];
    expect(newest.submittedAt).toBe('2025-12-16T09:00:00.000Z');
    expect((await f.get(f.org.adminKey, '/api/v1/responses?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
  });

  it('shows a response with the customer, interaction and serving employee it is joined to', async () => {
    const served = await f.createServedCustomer();
    const id = await respond({ interactionId: served.interactionId, answers: { nps: 3, comment: '等太久了 too slow' } });
    const res = await f.get(f.org.adminKey, `/api/v1/responses/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({ id, nps: 3, comment: '等太久了 too slow', touchpoint: 'checkout', channel: 'store', source: 'api' });
    expect(detail.customer).toMatchObject({ id: served.customerId, name: '王芳', segment: 'gold' });
    expect(detail.interaction).toMatchObject({ id: served.interactionId, type: 'purchase', employeeId: served.employeeId });
    expect(detail.employee).toMatchObject({ id: served.employeeId, name: '李雷', unitId: served.unitId });
    expect(detail.employee).toMatchObject({ positionName: 'Clerk', positionNameEn: null });
    expect(detail.employeeName).toBe('李雷');
    expect(detail.unit).toEqual({ id: served.unitId, name: 'Head office', nameEn: null });
    // The questions of the version answered, with both languages, so the page can show each answer under its question.
    expect(detail.survey).toMatchObject({ id: f.surveyId, name: '门店满意度 Store survey', version: 1 });
    expect(detail.survey.questions.map((q: { key: string }) => q.key)).toEqual(['nps', 'csat', 'reason', 'tags', 'comment', 'ref']);
    expect(detail.survey.questions[0].title).toEqual({ 'zh-CN': '您有多大可能推荐我们？', en: 'How likely are you to recommend us?' });
    // Text analytics reads the comment after the response is stored; the detail then shows what it made of it.
    expect(detail.analysis).toBeNull();
    await t.ctx.events.drain();
    const analysed = (await f.get(f.org.adminKey, `/api/v1/responses/${id}`)).json();
    expect(analysed.analysis).toMatchObject({ sentiment: 'negative', isPraise: false });
    expect(analysed.analysis.score).toBeLessThan(0);
  });

  it('keeps showing the questions of the version a response answered after the survey changes', async () => {
    const surveyId = await f.createSurvey();
    const id = await respond({ surveyId, answers: { nps: 9 } });
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/surveys/${surveyId}`,
      headers: { authorization: `Bearer ${f.org.adminKey}` },
      payload: { questions: [{ key: 'nps', type: 'nps', required: true, title: { 'zh-CN': '新题目', en: 'New title' } }] },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const detail = (await f.get(f.org.adminKey, `/api/v1/responses/${id}`)).json();
    expect(detail.survey).toMatchObject({ id: surveyId, version: 1 });
    expect(detail.survey.questions).toHaveLength(6);
    expect(detail.survey.questions[0].title.en).toBe('How likely are you to recommend us?');
  });

  it('filters by touchpoint, channel and NPS group (detractor 0–6, passive 7–8, promoter 9–10), within scope', async () => {
    const surveyId = await f.createSurvey();
    const made: Record<string, string> = {};
    for (const [name, nps, touchpoint, channel] of [
      ['d0', 0, 'hotline', 'phone'],
      ['d6', 6, 'store_checkout', 'store'],
      ['p7', 7, 'hotline', 'phone'],
      ['p8', 8, 'store_checkout', 'store'],
      ['r9', 9, 'hotline', 'phone'],
      ['r10', 10, 'store_checkout', 'store'],
    ] as const) {
      made[name] = await respond({ surveyId, answers: { nps }, touchpoint, channel });
    }
    const list = (query: string) => f.get(f.org.adminKey, `/api/v1/responses?surveyId=${surveyId}&limit=500&${query}`);
    expect(ids(await list('npsBand=detractor'))).toEqual([made.d0, made.d6].sort());
    expect(ids(await list('npsBand=passive'))).toEqual([made.p7, made.p8].sort());
    expect(ids(await list('npsBand=promoter'))).toEqual([made.r9, made.r10].sort());
    expect(ids(await list('touchpoint=hotline'))).toEqual([made.d0, made.p7, made.r9].sort());
    expect(ids(await list('channel=store&npsBand=promoter'))).toEqual([made.r10]);
    expect(ids(await list('touchpoint=nowhere'))).toEqual([]);
    expect((await list('npsBand=neutral')).statusCode).toBe(400);
    // A clerk filtering the whole organisation still sees only their own responses.
    const clerk = await buildEmployeeWithKey(t.ctx, f.org, {});
    expect(ids(await f.get(clerk.key, `/api/v1/responses?surveyId=${surveyId}&touchpoint=hotline`))).toEqual([]);
    const own = await respond({ surveyId, answers: { nps: 2 }, touchpoint: 'hotline', employeeId: clerk.employeeId });
    const clerkView = (await f.get(clerk.key, `/api/v1/responses?surveyId=${surveyId}&touchpoint=hotline&npsBand=detractor`)).json();
    expect(clerkView.items.map((r: { id: string }) => r.id)).toEqual([own]);
    expect(clerkView.items[0].employeeName).toBe('Employee');
  });
});

describe('POST /api/v1/imports/responses', () => {
  const importCsv = (csv: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/imports/responses', payload: csv, headers: { authorization: `Bearer ${f.org.adminKey}`, 'content-type': 'text/csv' } });

  it('keeps good rows and reports bad ones by 1-based row number', async () => {
    const served = await f.createServedCustomer();
    const csv = [
      'surveyId,customer_id,Submitted At,nps,csat,tags,comment,idempotencyKey',
      `${f.surveyId},${served.customerId},2026-01-05 09:30,9,5,clean;fast,"好,很好",row-1`,
      `${f.surveyId},,2026-01-05 10:00,11,4,,,row-2`,
      `00000000-0000-4000-8000-000000000000,,,7,,,,row-3`,
      `${f.surveyId},not-a-uuid,,7,,,,row-4`,
      `${f.surveyId},,,6,2,kind|dirty,,row-5`,
      `${f.surveyId},,,0,1,,"多行
评论",row-6`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(2);
    expect(body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4, 5]);
    expect(body.errors[0].error).toContain('nps');
    expect(body.errors[3].error).toContain('tags');

    const [row] = await f.query<{ submitted_at: Date; answers: Record<string, unknown>; source: string }>(
      `SELECT r.submitted_at, r.answers, r.source FROM responses r JOIN idempotency_keys k ON k.response_id = r.id WHERE k.key = 'row-1'`,
    );
    // A time without an offset is read in the organisation's time zone (Asia/Shanghai).
    expect(row!.submitted_at.toISOString()).toBe('2026-01-05T01:30:00.000Z');
    expect(row!.answers).toEqual({ nps: 9, csat: 5, tags: ['clean', 'fast'], comment: '好,很好' });
    expect(row!.source).toBe('import');

    const again = (await importCsv(csv)).json();
    expect(again).toMatchObject({ imported: 2, duplicates: 2 });
  });

  it('counts a key repeated in another batch of the same file as a duplicate, even while batches commit side by side', async () => {
    // 1,200 rows are three batches; on PostgreSQL two commit at once, so the repeat may meet its first while both are in flight.
    const rows = Array.from({ length: 1200 }, (_, i) => (i === 900 ? `${f.surveyId},3,same-file-3` : `${f.surveyId},${i % 11},same-file-${i}`));
    const res = await importCsv(['surveyId,nps,idempotencyKey', ...rows].join('\n'));
    expect(res.json()).toMatchObject({ imported: 1200, duplicates: 1, errors: [] });
    const [stored] = await f.query<{ n: number }>(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key LIKE 'same-file-%'`);
    expect(stored!.n).toBe(1199);
  });

  it('refuses a header with a column that is neither known nor a question key', async () => {
    const res = await importCsv('surveyId,NPS Score!\nx,1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.unknownColumns).toEqual(['NPS Score!']);
  });
});
