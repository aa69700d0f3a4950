/**
 * The optional photo of a captured case: decoded from base64, capped in size and accepted only when
 * its first bytes say JPEG, PNG or WebP (what the client claims is never trusted). Stored in the
 * database beside the case, so backups, tenancy and erasure treat it like the case itself.
 */
import { MAX_CASE_PHOTO_BYTES } from '../../../contracts/cases.ts';
import type { Actor } from '../../platform/actor.ts';
import { authorize } from '../../platform/authz.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findCaseInScope } from './cases.service.ts';

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export interface Photo {
  contentType: PhotoType;
  bytes: Buffer;
}

const startsWith = (bytes: Buffer, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type its magic bytes name, or null. */
export function sniffImageType(bytes: Buffer): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** Decodes and checks a photo before any transaction starts: 413 when too large, 422 when not an accepted image. */
export function checkPhoto(base64: string): Photo {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > MAX_CASE_PHOTO_BYTES) {
    throw new AppError(413, 'photo_too_large', `the photo may have at most ${MAX_CASE_PHOTO_BYTES} bytes; scale it down`, { field: 'photo', max: MAX_CASE_PHOTO_BYTES });
  }
  const contentType = bytes.length >= 12 ? sniffImageType(bytes) : null;
  if (!contentType) throw new AppError(422, 'unsupported_photo', 'the photo must be a JPEG, PNG or WebP image', { field: 'photo' });
  return { contentType, bytes };
}

export async function storePhoto(tx: Tx, caseId: string, photo: Photo, uploadedBy: string, at: Date): Promise<void> {
  await tx.query(`INSERT INTO case_photos (org_id, case_id, content_type, bytes, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
    tx.orgId,
    caseId,
    photo.contentType,
    photo.bytes,
    uploadedBy,
    at,
  ]);
}

/** A case's photo for someone who may see the case (404 otherwise, and when it has none). */
export function readPhoto(ctx: AppContext, actor: Actor, caseId: string): Promise<Photo> {
  authorize(actor, 'case.read');
  return ctx.db.tenant(actor.orgId, async (tx) => {
    await findCaseInScope(tx, actor, caseId);
    const [row] = await tx.query<{ content_type: PhotoType; bytes: Uint8Array }>(`SELECT content_type, bytes FROM case_photos WHERE org_id = $1 AND case_id = $2`, [
      actor.orgId,
      caseId,
    ]);
    if (!row) throw notFound('photo');
    return { contentType: row.content_type, bytes: Buffer.from(row.bytes) };
  });
}
