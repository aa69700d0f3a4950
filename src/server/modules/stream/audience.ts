import type { Actor } from '../../platform/actor.ts';
import type { DataScope } from '../org/index.ts';

/**
 * Who sees an event on the live stream:
 * - `organisation`: every employee and admin of the organisation (praise for the whole company);
 * - `scoped`: admins; managers when the event's unit (or its employee's unit) is in their subtree;
 *   anyone the event names (`ownerId`, `employeeId`, `approverId`, `toOwnerId` or in `notify`). Partners see neither.
 */
export type Audience = 'organisation' | 'scoped';

/** What the stream knows of a viewer: who they are and their data scope, fixed for the connection. */
export interface Viewer {
  actor: Actor;
  scope: DataScope;
}

/** The fields `scoped` reads from an event's payload; modules name them so. */
interface ScopedPayload {
  unitId?: string | null;
  employeeUnitId?: string | null;
  employeeId?: string | null;
  ownerId?: string | null;
  approverId?: string | null;
  toOwnerId?: string | null;
  notify?: unknown;
}

const audiences = new Map<string, Audience>();

/** Makes an event name streamable; modules call this at registration. */
export function registerStreamEvent(name: string, audience: Audience): void {
  audiences.set(name, audience);
}

export function streamableEvents(): string[] {
  return [...audiences.keys()];
}

export function canSee(viewer: Viewer, name: string, payload: unknown): boolean {
  const audience = audiences.get(name);
  if (!audience || viewer.actor.role === 'partner') return false;
  if (audience === 'organisation' || viewer.scope.kind === 'org') return true;
  const p = (payload ?? {}) as ScopedPayload;
  const me = viewer.actor.employeeId;
  const named = [p.ownerId, p.employeeId, p.approverId, p.toOwnerId, ...(Array.isArray(p.notify) ? p.notify : [])];
  if (me && named.includes(me)) return true;
  if (viewer.scope.kind !== 'units') return false;
  const units = viewer.scope.unitIds;
  return [p.unitId, p.employeeUnitId].some((unitId) => typeof unitId === 'string' && units.includes(unitId));
}
