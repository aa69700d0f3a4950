import type { Actor } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import type { DataScope } from '../org/index.ts';

/**
 * Who may do what with operational data, one rule per line. Which rows a
 * reader sees (a manager's unit subtree, an employee's own interactions) is
 * applied by the services' queries through `dataScopeOf`.
 */
const rules = {
  'odata.read': (a: Actor) => a.role !== 'partner',
  'odata.write': (a: Actor) => a.role === 'admin',
} satisfies Record<string, (a: Actor) => boolean>;

export type OdataAction = keyof typeof rules;

/** Throws 403 forbidden unless the actor may perform the action; partners never see customer data. */
export function authorizeOdata(actor: Actor, action: OdataAction): void {
  if (!rules[action](actor)) throw forbidden(`your role (${actor.role}) may not ${action}`);
}

/** SQL parameters of a data scope: the units a manager sees, or the employee an employee is. */
export function scopeParams(scope: DataScope): { unitIds: string[] | null; employeeId: string | null } {
  return {
    unitIds: scope.kind === 'units' ? scope.unitIds : scope.kind === 'none' ? [] : null,
    employeeId: scope.kind === 'self' ? scope.employeeId : null,
  };
}

/** Whether an interaction (by its unit and serving employee) falls inside the scope. */
export function isInteractionInScope(scope: DataScope, i: { unitId: string | null; employeeId: string | null }): boolean {
  switch (scope.kind) {
    case 'org':
      return true;
    case 'units':
      return i.unitId !== null && scope.unitIds.includes(i.unitId);
    case 'self':
      return i.employeeId === scope.employeeId;
    case 'none':
      return false;
  }
}
