import { z } from 'zod';

// SCIM 2.0 (RFC 7643/7644) User resources as Lodestar reads and writes them: the wire shape, the few filters
// identity providers use, and PATCH operations in the dialects of Entra ID ("Replace", "False") and Okta.

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM error (RFC 7644 §3.12): the status, and `scimType` for 400 and 409. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: 'invalidFilter' | 'invalidValue' | 'invalidSyntax' | 'uniqueness' | 'mutability' | 'noTarget',
  ) {
    super(message);
  }
}

/** Everything Lodestar keeps about a provisioned person. */
export interface ScimPerson {
  userName: string;
  externalId: string | null;
  active: boolean;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  title: string | null;
  department: string | null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;
const optionalText = (max: number) => z.string().max(max).nullish();
const booleanish = z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False', 'TRUE', 'FALSE'])]).transform((v) => v === true || String(v).toLowerCase() === 'true');

const UserInputSchema = z.looseObject({
  userName: z.string().trim().min(1).max(254),
  externalId: optionalText(200),
  active: booleanish.optional(),
  displayName: optionalText(200),
  title: optionalText(200),
  name: z.looseObject({ givenName: optionalText(100), familyName: optionalText(100), formatted: optionalText(200) }).nullish(),
  emails: z.array(z.looseObject({ value: z.string().max(254), primary: booleanish.optional() })).max(20).nullish(),
  [ENTERPRISE_USER]: z.looseObject({ department: optionalText(200) }).nullish(),
});

/** A POST or PUT body as a person; the login e-mail is userName, or the primary e-mail when userName is not one. */
export function personFromBody(body: unknown): ScimPerson {
  const parsed = UserInputSchema.safeParse(body);
  if (!parsed.success) throw new ScimError(400, `invalid user: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`, 'invalidValue');
  const u = parsed.data;
  const primaryEmail = u.emails?.find((e) => e.primary)?.value ?? u.emails?.[0]?.value;
  const userName = EMAIL.test(u.userName) ? u.userName : primaryEmail;
  if (!userName || !EMAIL.test(userName)) throw new ScimError(400, 'userName (or the primary e-mail) must be an e-mail address: it is the person’s login', 'invalidValue');
  return {
    userName,
    externalId: u.externalId ?? null,
    active: u.active ?? true,
    givenName: u.name?.givenName ?? null,
    familyName: u.name?.familyName ?? null,
    displayName: u.displayName ?? u.name?.formatted ?? null,
    title: u.title ?? null,
    department: u[ENTERPRISE_USER]?.department ?? null,
  };
}

export function displayNameOf(p: ScimPerson): string | null {
  return p.displayName ?? ([p.givenName, p.familyName].filter(Boolean).join(' ') || null);
}

export function toScimUser(id: string, p: ScimPerson, meta: { created: Date; lastModified: Date; location: string }) {
  return {
    schemas: [CORE_USER, ENTERPRISE_USER],
    id,
    ...(p.externalId ? { externalId: p.externalId } : {}),
    userName: p.userName,
    name: { givenName: p.givenName, familyName: p.familyName, formatted: displayNameOf(p) },
    displayName: displayNameOf(p),
    active: p.active,
    emails: [{ value: p.userName, type: 'work', primary: true }],
    ...(p.title ? { title: p.title } : {}),
    [ENTERPRISE_USER]: { department: p.department },
    meta: { resourceType: 'User', created: meta.created.toISOString(), lastModified: meta.lastModified.toISOString(), location: meta.location },
  };
}

export type UserFilter = { attribute: 'userName' | 'externalId' | 'id'; value: string } | null;

/** `userName eq "…"`, `externalId eq "…"`, `emails.value eq "…"` or `id eq "…"`; anything else is refused (400 invalidFilter). */
export function parseFilter(filter: unknown): UserFilter {
  if (filter === undefined || filter === '') return null;
  const m = typeof filter === 'string' ? /^\s*(userName|externalId|emails(?:\.value)?|id)\s+eq\s+"((?:[^"\\]|\\.){0,254})"\s*$/i.exec(filter) : null;
  if (!m) throw new ScimError(400, 'only filters of the form userName eq "…" (or externalId, emails.value, id) are supported', 'invalidFilter');
  const name = m[1]!.toLowerCase();
  const value = m[2]!.replace(/\\(.)/g, '$1');
  return { attribute: name === 'externalid' ? 'externalId' : name === 'id' ? 'id' : 'userName', value };
}

const PatchSchema = z.looseObject({
  Operations: z.array(z.looseObject({ op: z.string().max(20), path: z.string().max(300).optional(), value: z.unknown().optional() })).min(1).max(100),
});

/** Applies PATCH operations to a person; paths Lodestar keeps nothing for (addresses, phone numbers…) are ignored. */
export function applyPatch(current: ScimPerson, body: unknown): ScimPerson {
  const parsed = PatchSchema.safeParse(body);
  if (!parsed.success) throw new ScimError(400, 'a PATCH body needs Operations: [{op, path?, value?}]', 'invalidSyntax');
  const next = { ...current };
  for (const operation of parsed.data.Operations) {
    const op = operation.op.toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, `unknown op "${operation.op}"`, 'invalidSyntax');
    if (op === 'remove') {
      if (!operation.path) throw new ScimError(400, 'remove needs a path', 'noTarget');
      setAttribute(next, operation.path, null);
    } else if (operation.path) {
      setAttribute(next, operation.path, operation.value);
    } else if (operation.value && typeof operation.value === 'object' && !Array.isArray(operation.value)) {
      for (const [path, value] of Object.entries(operation.value)) setAttribute(next, path, value);
    } else {
      throw new ScimError(400, `${op} without a path needs an object value`, 'invalidValue');
    }
  }
  return next;
}

const text = (value: unknown, max: number): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' || value.length > max || value.includes('\0')) throw new ScimError(400, 'a text value is too long or not text', 'invalidValue');
  return value;
};

function setAttribute(p: ScimPerson, rawPath: string, value: unknown): void {
  const path = rawPath.toLowerCase();
  const enterprise = ENTERPRISE_USER.toLowerCase();
  if (path === 'active') {
    const parsed = booleanish.safeParse(value);
    if (!parsed.success) throw new ScimError(400, 'active must be true or false', 'invalidValue');
    p.active = parsed.data;
  } else if (path === 'username') {
    const v = text(value, 254);
    if (!v || !EMAIL.test(v)) throw new ScimError(400, 'userName must be an e-mail address', 'invalidValue');
    p.userName = v;
  } else if (path === 'externalid') p.externalId = text(value, 200);
  else if (path === 'displayname' || path === 'name.formatted') p.displayName = text(value, 200);
  else if (path === 'name.givenname') p.givenName = text(value, 100);
  else if (path === 'name.familyname') p.familyName = text(value, 100);
  else if (path === 'title') p.title = text(value, 200);
  else if (path === `${enterprise}:department`) p.department = text(value, 200);
  else if (path === 'name' && value && typeof value === 'object') {
    const name = value as Record<string, unknown>;
    if ('givenName' in name) p.givenName = text(name.givenName, 100);
    if ('familyName' in name) p.familyName = text(name.familyName, 100);
    if ('formatted' in name) p.displayName = text(name.formatted, 200);
  } else if (path === enterprise && value && typeof value === 'object' && 'department' in value) {
    p.department = text((value as Record<string, unknown>).department, 200);
  }
  // Anything else (emails, addresses, phoneNumbers, manager…) Lodestar does not keep: ignored, not an error,
  // because identity providers send their whole attribute mapping and refusing would stop provisioning.
}
