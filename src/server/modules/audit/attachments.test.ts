import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../testing/factories.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { detectFileType, safeFileName } from './attachments.service.ts';
import { buildAuditOrg, complete, createAudit, scoreAll, type AuditOrg } from './audit.fixtures.ts';

let t: TestApp;
let o: AuditOrg;
let auditId: string;

beforeAll(async () => {
  t = await createTestApp();
  o = await buildAuditOrg(t);
  auditId = (await createAudit(t, o.org.adminKey, { templateKey: 'mystery-store', unitId: o.units.store })).id;
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR rest of a tiny image')]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x10, 0, 0, 0]), Buffer.from('WEBPVP8 data')]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

const upload = (body: Buffer | undefined, opts: { key?: string; item?: string; name?: string; type?: string; audit?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/audits/${opts.audit ?? auditId}/items/${opts.item ?? 'greeting'}/attachments${opts.name ? `?fileName=${encodeURIComponent(opts.name)}` : ''}`,
    headers: { ...bearer(opts.key ?? o.org.adminKey), 'content-type': opts.type ?? 'application/octet-stream' },
    payload: body,
  });

describe('evidence attachments', () => {
  it('recognises the accepted types by their first bytes only', () => {
    expect([PNG, JPEG, WEBP, PDF].map(detectFileType)).toEqual(['image/png', 'image/jpeg', 'image/webp', 'application/pdf']);
    for (const other of [Buffer.from('<html><script>alert(1)</script>'), Buffer.from('GIF89a...'), Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.from([0x89, 0x50])]) expect(detectFileType(other)).toBeNull();
    expect(safeFileName('../../etc/门店照片.png', 'image/png')).toBe('门店照片.png');
    expect(safeFileName('report.html', 'application/pdf')).toBe('report.pdf');
    expect(safeFileName(undefined, 'image/webp')).toBe('evidence.webp');
    expect(safeFileName('a"b\r\n.jpeg', 'image/jpeg')).toBe('ab.jpeg');
  });

  it('stores a file in the database and downloads it as an attachment with its detected type', async () => {
    const res = await upload(PNG, { name: '入口照片.png', type: 'image/png' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '入口照片.png', contentType: 'image/png', size: PNG.length });
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audits/${auditId}`, headers: bearer(o.org.adminKey) })).json();
    expect(audit.items.find((i: { key: string }) => i.key === 'greeting').attachments).toEqual([expect.objectContaining({ id: res.json().id, fileName: '入口照片.png' })]);

    const file = await t.app.inject({ method: 'GET', url: `/api/v1/audits/${auditId}/attachments/${res.json().id}`, headers: bearer(o.manager.key) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('入口照片.png')}`);
    expect(Buffer.compare(file.rawPayload, PNG)).toBe(0);

    // A PDF declared as an image, and named like a web page, is kept as the PDF it is.
    const pdf = await upload(PDF, { name: 'report.html', type: 'image/png' });
    expect(pdf.json()).toMatchObject({ contentType: 'application/pdf', fileName: 'report.pdf' });
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/audits/${auditId}/attachments/${pdf.json().id}`, headers: bearer(o.org.adminKey) });
    expect(got.headers['content-type']).toBe('application/pdf');
  });

  it('refuses other types (415), empty (400) and over-large (413) files, unknown items (404), and files beyond ten per item (409)', async () => {
    const html = await upload(Buffer.from('<!doctype html><script>alert(1)</script>'), { type: 'image/png', name: 'x.png' });
    expect([html.statusCode, html.json().error.code]).toEqual([415, 'unsupported_file_type']);
    const gif = await upload(Buffer.from('GIF89a\x01\x00\x01\x00'), { type: 'image/gif' });
    expect(gif.statusCode).toBe(415);
    const empty = await upload(undefined);
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'empty_file']);
    const big = await upload(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'payload_too_large']);
    const exact = await upload(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 - PNG.length)]), { item: 'cleanliness' });
    expect(exact.statusCode, exact.body).toBe(201);
    const unknown = await upload(PNG, { item: 'no_such_item' });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'not_found']);

    for (let i = 0; i < 10; i++) expect((await upload(JPEG, { item: 'wait_time' })).statusCode).toBe(201);
    const eleventh = await upload(JPEG, { item: 'wait_time' });
    expect([eleventh.statusCode, eleventh.json().error.code]).toEqual([409, 'too_many_attachments']);
  });

  it('keeps files inside the data scope and locks them with the audit', async () => {
    const other = await createAudit(t, o.org.adminKey, { templateKey: 'mystery-store', unitId: o.units.other });
    const theirs = await upload(WEBP, { audit: other.id });
    expect(theirs.statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/audits/${other.id}/attachments/${theirs.json().id}`, headers: bearer(o.manager.key) })).statusCode).toBe(404);
    expect((await upload(WEBP, { audit: other.id, key: o.manager.key })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/audits/${auditId}/attachments/${theirs.json().id}`, headers: bearer(o.org.adminKey) })).statusCode).toBe(404);
    expect((await upload(WEBP, { key: o.staff.key })).statusCode).toBe(403);

    const removable = await upload(WEBP, { audit: other.id });
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/audits/${other.id}/attachments/${removable.json().id}`, headers: bearer(o.org.adminKey) });
    expect(del.statusCode).toBe(204);
    await scoreAll(t, o.org.adminKey, other, () => 3);
    await complete(t, o.org.adminKey, other.id);
    const late = await upload(PNG, { audit: other.id });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'audit_completed']);
    const kept = await t.app.inject({ method: 'DELETE', url: `/api/v1/audits/${other.id}/attachments/${theirs.json().id}`, headers: bearer(o.org.adminKey) });
    expect(kept.statusCode).toBe(409);
  });
});
