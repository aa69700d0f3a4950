/**
 * Evidence files of an audit item, stored in the database (bytea). What a file is comes from its first
 * bytes, never from the name or the declared type: PNG, JPEG, WebP and PDF only, at most 5 MB, ten per
 * item. The stored name always ends in the extension of the detected type, so a download cannot be saved
 * as something the browser would run.
 */
import { AUDIT_LIMITS, type Attachment } from '../../../contracts/audit.ts';
import type { Actor } from '../../platform/actor.ts';
import { recordAudit } from '../../platform/audit.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findAudit, mustBeOpen } from './audit.row.ts';

export type AttachmentType = (typeof AUDIT_LIMITS.attachmentTypes)[number];
const EXTENSION: Record<AttachmentType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'application/pdf': 'pdf' };

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The file's type from its magic bytes, or null when it is none of the accepted ones. */
export function detectFileType(b: Uint8Array): AttachmentType | null {
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

/** A safe stored name: no path, no control or quote characters, at most 200 characters, the type's extension. */
export function safeFileName(name: string | undefined, type: AttachmentType): string {
  const ext = EXTENSION[type];
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // Control characters (below U+0020, and DEL) and the characters no file system or header takes.
    .replace(/[\p{Cc}"<>|*?:]/gu, '')
    .trim()
    .slice(0, 180);
  const stem = base.replace(/\.[^.]*$/, '') || 'evidence';
  const hasRightExtension = base.toLowerCase().endsWith(`.${ext}`) || (type === 'image/jpeg' && base.toLowerCase().endsWith('.jpeg'));
  return hasRightExtension ? base : `${stem}.${ext}`;
}

export async function addAttachment(ctx: AppContext, actor: Actor, id: string, key: string, body: unknown, fileName: string | undefined): Promise<Attachment> {
  authorize(actor, 'experienceAudit.conduct');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    const audit = await findAudit(tx, actor, id, true);
    mustBeOpen(audit);
    const [item] = await tx.query<{ files: number }>(
      `SELECT (SELECT count(*)::int FROM experience_audit_attachments f WHERE f.org_id = i.org_id AND f.audit_id = i.audit_id AND f.item_key = i.item_key) AS files
         FROM experience_audit_items i WHERE i.org_id = $1 AND i.audit_id = $2 AND i.item_key = $3`,
      [actor.orgId, id, key],
    );
    if (!item) throw new AppError(404, 'not_found', `the checklist has no item ${key}`, { field: 'key' });
    if (item.files >= AUDIT_LIMITS.attachmentsPerItem) throw new AppError(409, 'too_many_attachments', `an item holds at most ${AUDIT_LIMITS.attachmentsPerItem} files`);
    if (!(body instanceof Uint8Array) || body.length === 0) throw new AppError(400, 'empty_file', 'send the file’s bytes as the request body (application/octet-stream)');
    if (body.length > AUDIT_LIMITS.maxAttachmentBytes) throw new AppError(413, 'file_too_large', 'a file may be at most 5 MB');
    const type = detectFileType(body);
    if (!type) throw new AppError(415, 'unsupported_file_type', 'only PNG, JPEG, WebP and PDF files are accepted');
    const name = safeFileName(fileName, type);
    const now = ctx.clock.now();
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO experience_audit_attachments (org_id, audit_id, item_key, file_name, content_type, size, content, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [actor.orgId, id, key, name, type, body.length, body, now, actor.kind === 'user' ? actor.id : null],
    );
    await recordAudit(tx, ctx.clock, actor, { action: 'experience_audit.attachment_added', entityType: 'experience_audit', entityId: id, after: { key, attachmentId: row!.id, name, type, size: body.length } });
    return { id: row!.id, fileName: name, contentType: type, size: body.length, createdAt: now.toISOString() };
  });
}

export async function readAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string): Promise<{ fileName: string; contentType: AttachmentType; content: Buffer }> {
  authorize(actor, 'experienceAudit.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await findAudit(tx, actor, id);
    const [row] = await tx.query<{ file_name: string; content_type: AttachmentType; content: Uint8Array }>(
      `SELECT file_name, content_type, content FROM experience_audit_attachments WHERE org_id = $1 AND audit_id = $2 AND id = $3`,
      [actor.orgId, id, attachmentId],
    );
    if (!row) throw notFound('attachment');
    return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content) };
  });
}

export async function deleteAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string): Promise<void> {
  authorize(actor, 'experienceAudit.conduct');
  await ctx.db.tenant(actor.orgId, async (tx) => {
    mustBeOpen(await findAudit(tx, actor, id, true));
    const gone = await tx.query<{ file_name: string }>(`DELETE FROM experience_audit_attachments WHERE org_id = $1 AND audit_id = $2 AND id = $3 RETURNING file_name`, [actor.orgId, id, attachmentId]);
    if (!gone.length) throw notFound('attachment');
    await recordAudit(tx, ctx.clock, actor, { action: 'experience_audit.attachment_removed', entityType: 'experience_audit', entityId: id, before: { attachmentId, name: gone[0]!.file_name } });
  });
}

/** `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
