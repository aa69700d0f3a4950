import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildEmployeeWithKey, buildOrg, type TestOrg } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { runImport } from './odata.import.ts';

let t: TestApp;
let org: TestOrg;
let store: string;
let clerk: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await buildOrg(t.ctx);
  store = (await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer(org.adminKey), payload: { name: '门店', parentId: org.rootUnitId, kind: 'store' } })).json().id;
  clerk = (await buildEmployeeWithKey(t.ctx, org, { unitId: store })).employeeId;
  await importCsv('customers', 'externalId,name\nK-1,王芳\nK-2,Alice\nK-3,Bob\n');
});
afterAll(() => t.close());

function importCsv(kind: string, csv: string | Buffer, contentType = 'text/csv', key = org.adminKey) {
  return t.app.inject({ method: 'POST', url: `/api/v1/imports/${kind}`, headers: { ...bearer(key), 'content-type': contentType }, payload: csv });
}

const count = async (table: string) =>
  (await t.ctx.db.tenant(org.orgId, (tx) => tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)))[0]!.n;

describe('customer import', () => {
  it('reads a BOM, quoted commas and line breaks, Chinese text and attribute columns, and upserts on a second run', async () => {
    const csv = [
      'external_id,Name,email,segment,value,attributes.city,attributes.note',
      'C-100,张伟,zhang.wei@example.com,gold,1200.50,上海,"likes ""fast"" delivery, weekends"',
      'C-101,"Smith, John",,silver,,北京,"two',
      'lines"',
      ',,,,,,',
      ',,,vip,,,',
      'C-102,,,,,,',
    ].join('\r\n');
    const res = await importCsv('customers', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]), 'text/csv; charset=utf-8');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: 3, duplicates: 0, errors: [{ row: 4, error: expect.stringContaining('at least one of externalId') }] });
    const [zhang] = (await t.app.inject({ url: '/api/v1/customers?externalId=C-100', headers: bearer(org.adminKey) })).json().items;
    expect(zhang).toMatchObject({ name: '张伟', value: 1200.5, segment: 'gold', attributes: { city: '上海', note: 'likes "fast" delivery, weekends' } });
    const [smith] = (await t.app.inject({ url: '/api/v1/customers?externalId=C-101', headers: bearer(org.adminKey) })).json().items;
    expect(smith).toMatchObject({ name: 'Smith, John', email: null, attributes: { city: '北京', note: 'two\r\nlines' } });

    const again = await importCsv('customers', 'externalId,segment\nC-100,platinum\n');
    expect(again.json()).toEqual({ imported: 1, duplicates: 1, errors: [] });
    const updated = (await t.app.inject({ url: '/api/v1/customers?externalId=C-100', headers: bearer(org.adminKey) })).json().items[0];
    expect(updated).toMatchObject({ id: zhang.id, name: '张伟', segment: 'platinum' });
  });
});

describe('interaction import', () => {
  it('keeps the good rows and reports each bad one by its data row number', async () => {
    const unknownUnit = '00000000-0000-4000-8000-000000000000';
    const rows = [
      'externalId,customerExternalId,type,channel,touchpoint,unitId,employeeId,amount,occurredAt,resolvedFirstContact,resolutionMinutes',
      `T-1,K-1,delivery,app,"送货, 上门",${store},${clerk},99.9,2026-01-05 09:30,是,12`,
      `T-2,K-1,delivery,app,送货上门,${store},,10,2026-13-45 10:00,,`,
      `T-3,K-2,complaint,phone,"热线\n投诉",${unknownUnit},,,2026-01-06T10:00:00Z,no,`,
      `T-4,K-2,return,store,退货,${store},,-20,2026-01-07T10:00:00+08:00,,`,
      `T-5,nobody,purchase,web,checkout,,,5,2026-01-08T10:00:00Z,,`,
      `T-6,K-3,purchase,web,checkout,,,5,2026-01-08T10:00:00Z,maybe,`,
      `T-7,K-3,purchase,web`,
      `T-8,K-3,service_call,phone,hotline,,${clerk},,2026-01-09T10:00:00Z,true,45`,
    ];
    const res = await importCsv('interactions', rows.join('\n'));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.imported).toBe(2);
    expect(body.errors.map((e: { row: number }) => e.row)).toEqual([2, 3, 4, 5, 6, 7]);
    const message = (row: number) => body.errors.find((e: { row: number }) => e.row === row).error as string;
    expect(message(2)).toMatch(/^occurredAt: must be a real date and time/);
    expect(message(3)).toBe('unitId: unit not found');
    expect(message(4)).toMatch(/^amount: /);
    expect(message(5)).toBe('customerExternalId: customer not found');
    expect(message(6)).toMatch(/^resolvedFirstContact: /);
    expect(message(7)).toContain('the row has 4 fields but the header has 11');

    const listed = (await t.app.inject({ url: '/api/v1/interactions?limit=500', headers: bearer(org.adminKey) })).json().items;
    const first = listed.find((i: { externalId: string }) => i.externalId === 'T-1');
    // No offset in the cell: read in the organisation's time zone (Asia/Shanghai, UTC+8).
    expect(first).toMatchObject({ touchpoint: '送货, 上门', occurredAt: '2026-01-05T01:30:00.000Z', resolvedFirstContact: true, resolutionMinutes: 12 });
    expect(listed.find((i: { externalId: string }) => i.externalId === 'T-8')).toMatchObject({ unitId: store, employeeId: clerk });

    const again = await importCsv('interactions', [rows[0], rows[1]].join('\n'));
    expect(again.json()).toEqual({ imported: 1, duplicates: 1, errors: [] });
  });

  it('refuses a file missing a required column, or with an unknown one, naming the column', async () => {
    const missing = await importCsv('interactions', 'customerExternalId,type,channel,touchpoint\nK-1,delivery,app,door\n');
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'invalid_request']);
    expect(missing.json().error.message).toBe('missing required column(s): occurredAt');
    const noCustomer = await importCsv('interactions', 'type,channel,touchpoint,occurredAt\n');
    expect(noCustomer.json().error.message).toContain('customerId or customerExternalId');
    const typo = await importCsv('interactions', 'customerExternalId,type,channel,touchpoint,occurredAt,ammount\n');
    expect(typo.json().error).toMatchObject({ message: expect.stringContaining('unknown column(s): ammount'), details: { unknownColumns: ['ammount'] } });
    const twice = await importCsv('customers', 'name,Name\n');
    expect(twice.json().error.message).toContain('appears twice');
  });

  it('reports a malformed CSV from the row where it breaks and keeps the rows before it', async () => {
    const before = await count('interactions');
    const csv = 'customerExternalId,type,channel,touchpoint,occurredAt\nK-1,a,b,c,2026-01-05T00:00:00Z\nK-1,a,b,"unclosed,2026-01-05T00:00:00Z\nK-1,a,b,c,2026-01-05T00:00:00Z\n';
    const res = await importCsv('interactions', csv);
    expect(res.json().imported).toBe(1);
    expect(res.json().errors).toEqual([{ row: 2, error: expect.stringMatching(/^a quoted value is never closed, so this row and the rest of the file were not read/) }]);
    expect(await count('interactions')).toBe(before + 1);
  });

  it('answers in the error format for an empty body, another content type, an unknown kind and a non-admin', async () => {
    const cases: Array<[Promise<{ statusCode: number; json(): { error: { code: string } } }>, number, string]> = [
      [importCsv('interactions', ''), 400, 'invalid_request'],
      [importCsv('interactions', '{"items":[]}', 'application/json'), 415, 'unsupported_media_type'],
      [importCsv('interactions', 'a,b\n', 'text/plain'), 415, 'unsupported_media_type'],
      [importCsv('nothing', 'a,b\n'), 404, 'not_found'],
      [importCsv('customers', 'name\nx\n', 'text/csv', (await buildEmployeeWithKey(t.ctx, org, { role: 'manager' })).key), 403, 'forbidden'],
    ];
    for (const [res, status, code] of cases) expect([(await res).statusCode, (await res).json().error.code]).toEqual([status, code]);
  });
});

describe('the import runner', () => {
  it('writes in batches, reports progress after each, and publishes interaction.recorded for each new row', async () => {
    const lines = ['customerExternalId,type,channel,touchpoint,occurredAt'];
    for (let i = 0; i < 7; i++) lines.push(`K-${(i % 3) + 1},purchase,web,checkout,2026-03-0${i + 1}T12:00:00Z`);
    lines.splice(4, 0, 'K-1,purchase,web,checkout,not a time');
    const progress: number[] = [];
    const events = await count('outbox_events');
    const audit = await count('audit_log');
    const result = await runImport(t.ctx, org.orgId, null, 'interactions', Readable.from([lines.join('\n')]), {
      batchSize: 3,
      onProgress: (n) => progress.push(n),
    });
    expect(result).toEqual({ imported: 7, duplicates: 0, errors: [{ row: 4, error: expect.stringMatching(/^occurredAt: /) }] });
    // After each batch; on PostgreSQL two batches commit at once, so a later one may finish first (progress never goes back).
    expect(progress).toHaveLength(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(8);
    if (t.ctx.db.kind === 'pglite') expect(progress).toEqual([3, 6, 8]);
    expect(await count('outbox_events')).toBe(events + 7);
    expect(await count('audit_log')).toBe(audit + 3);
  });
});
