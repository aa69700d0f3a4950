import { useMemo } from 'react';
import { useSignedIn } from '../../shared/session.tsx';
import { subtreeIds, useEmployees, useUnits, useUnitTreeSelectData } from '../org/index.ts';

/**
 * The unit tree for pickers, with the units a manager may not choose (outside their own unit's subtree) disabled;
 * admins may choose any. Every unit stays visible so the tree keeps its shape.
 */
export function useScopedUnitTree() {
  const { user } = useSignedIn();
  const units = useUnits();
  const employees = useEmployees();
  const outside = useMemo(() => {
    if (user.role === 'admin' || !units.data) return undefined;
    const myUnit = employees.data?.find((e) => e.id === user.employeeId)?.unitId;
    const mine = myUnit ? subtreeIds(units.data, myUnit) : new Set<string>();
    return new Set(units.data.filter((u) => !mine.has(u.id)).map((u) => u.id));
  }, [user.role, user.employeeId, units.data, employees.data]);
  return { treeData: useUnitTreeSelectData(units.data, outside), units, employees };
}
