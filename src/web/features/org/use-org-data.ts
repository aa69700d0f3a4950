import { useMemo } from 'react';
import { useApiQuery } from '../../shared/api/use-api-query.ts';
import { useLocalizedName } from '../../shared/i18n/use-language.ts';
import { listEmployees, listPositions, listUnits, type Employee, type Position, type Unit } from './org.api.ts';
import { buildUnitTree, type UnitNode } from './unit-tree.ts';

/** All visible units. */
export const useUnits = () => useApiQuery((signal) => listUnits(signal), []);

/** All positions. */
export const usePositions = () => useApiQuery((signal) => listPositions(signal), []);

/** All visible employees, or those in a unit's subtree. */
export const useEmployees = (unitId?: string) => useApiQuery((signal) => listEmployees(unitId, signal), [unitId]);

/** Looks records up by id. */
export function useById<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return useMemo(() => new Map((items ?? []).map((item) => [item.id, item])), [items]);
}

export interface UnitTreeSelectNode {
  value: string;
  title: string;
  disabled?: boolean;
  children: UnitTreeSelectNode[];
}

/** Tree data for an antd TreeSelect of units, in the UI language; `disabledIds` cannot be picked. */
export function useUnitTreeSelectData(units: readonly Unit[] | undefined, disabledIds?: Set<string>) {
  const localizedName = useLocalizedName();
  return useMemo(() => {
    const toNode = (node: UnitNode): UnitTreeSelectNode => ({
      value: node.unit.id,
      title: localizedName(node.unit),
      disabled: disabledIds?.has(node.unit.id),
      children: node.children.map(toNode),
    });
    return buildUnitTree(units ?? []).map(toNode);
  }, [units, disabledIds, localizedName]);
}

/** Select options for positions, in the UI language. */
export function usePositionOptions(positions: readonly Position[] | undefined) {
  const localizedName = useLocalizedName();
  return useMemo(
    () => (positions ?? []).map((p) => ({ value: p.id, label: localizedName(p) })),
    [positions, localizedName],
  );
}

/** Select options for choosing a manager: everyone but the employee being edited. */
export function useManagerOptions(employees: readonly Employee[] | undefined, positions: Map<string, Position>, exceptId?: string) {
  const localizedName = useLocalizedName();
  return useMemo(
    () =>
      (employees ?? [])
        .filter((e) => e.id !== exceptId)
        .map((e) => {
          const position = positions.get(e.positionId);
          return { value: e.id, label: position ? `${e.name} · ${localizedName(position)}` : e.name };
        }),
    [employees, positions, exceptId, localizedName],
  );
}
