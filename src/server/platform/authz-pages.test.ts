import { describe, expect, it } from 'vitest';
import { ACTION_ROLES, PAGE_ACCESS, type PageRule, type Role } from '../../web/shared/page-access.ts';
import { ROLES, type Actor } from './actor.ts';
import { can, type Action } from './authz.ts';

// The web app's page table (src/web/shared/page-access.ts) decides which pages and controls each role sees; the
// server is the authority. This test holds the two together, so no role is offered a page whose data its role may
// not read, and no control whose action the server would refuse.

/** A person signed in with the role, acting as an employee (as every demo login and most accounts do). */
const actorWith = (role: Role): Actor => ({ orgId: 'org', kind: 'user', id: 'user', role, employeeId: role === 'partner' ? null : 'employee' });
const isAction = (name: string): name is Action => {
  try {
    can(actorWith('admin'), name as Action);
    return true;
  } catch {
    return false;
  }
};

describe('the web app’s page access table against the server’s permissions', () => {
  it('names only permissions the server has', () => {
    const named = [...Object.values(PAGE_ACCESS).flatMap((rule) => rule.needs), ...Object.keys(ACTION_ROLES)];
    expect(named.filter((name) => !isAction(name))).toEqual([]);
  });

  it('opens a page only to roles that hold every permission its data needs', () => {
    const refused: string[] = [];
    for (const [page, rule] of Object.entries(PAGE_ACCESS)) {
      for (const role of rule.roles) {
        for (const need of rule.needs) if (!can(actorWith(role), need as Action)) refused.push(`${role} ${page} (${need})`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('opens a page by membership only if every staff role, being a member, holds its permissions', () => {
    // Anyone with an employee record can sit on the committee or the rotation: admins, managers and employees.
    const staff = ROLES.filter((role) => role !== 'partner');
    const refused: string[] = [];
    for (const [page, rule] of Object.entries(PAGE_ACCESS) as [string, PageRule][]) {
      if (!rule.members?.length) continue;
      for (const role of staff) for (const need of rule.needs) if (!can(actorWith(role), need as Action)) refused.push(`${role} member ${page} (${need})`);
    }
    expect(refused).toEqual([]);
  });

  it('opens to members only pages the governance service admits members to', () => {
    // governance.access.ts lets an employee past committee.read and listening.read by membership; nothing else does.
    const byMembership = Object.values(PAGE_ACCESS as Record<string, PageRule>).flatMap((rule) => (rule.members?.length ? rule.needs : []));
    expect([...new Set(byMembership)].sort()).toEqual(['committee.read', 'listening.read']);
    expect(can(actorWith('partner'), 'committee.read')).toBe(false);
    expect(can(actorWith('partner'), 'listening.read')).toBe(false);
  });

  it('shows in-page actions to exactly the roles the server lets take them', () => {
    for (const [action, roles] of Object.entries(ACTION_ROLES)) {
      const allowed = ROLES.filter((role) => can(actorWith(role), action as Action));
      expect([...roles].sort(), action).toEqual(allowed.sort());
    }
  });
});
