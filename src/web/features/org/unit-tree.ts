import type { Unit, UnitKind } from './org.api.ts';

export interface UnitNode {
  unit: Unit;
  depth: number;
  children: UnitNode[];
}

const KIND_ORDER: Record<UnitKind, number> = { company: 0, region: 1, department: 2, store: 3, team: 4 };

/**
 * Builds the unit forest from the API's flat list. A unit whose parent the caller cannot see
 * (a manager sees only a subtree) becomes a root; siblings sort by kind, then by name.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const childrenOf = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parentKey = unit.parentId !== null && byId.has(unit.parentId) ? unit.parentId : null;
    const siblings = childrenOf.get(parentKey) ?? [];
    siblings.push(unit);
    childrenOf.set(parentKey, siblings);
  }
  const visited = new Set<string>();
  const grow = (unit: Unit, depth: number): UnitNode => {
    visited.add(unit.id);
    const kids = sortSiblings(childrenOf.get(unit.id) ?? []).filter((child) => !visited.has(child.id));
    return { unit, depth, children: kids.map((child) => grow(child, depth + 1)) };
  };
  return sortSiblings(childrenOf.get(null) ?? []).map((root) => grow(root, 0));
}

function sortSiblings(units: Unit[]): Unit[] {
  return [...units].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

/** The ids of a unit and everything below it: a unit cannot move under itself. */
export function subtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId !== null && ids.has(unit.parentId) && !ids.has(unit.id)) {
        ids.add(unit.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** The keys to open at first: the top two levels, so stores show under their region. */
export function initiallyExpandedIds(forest: readonly UnitNode[]): string[] {
  return forest.flatMap((root) => [root.unit.id, ...root.children.filter((c) => c.children.length).map((c) => c.unit.id)]);
}

/** The kind a new child unit most likely has, given its parent's kind. */
export function likelyChildKind(parentKind: UnitKind | undefined): UnitKind {
  switch (parentKind) {
    case undefined:
      return 'company';
    case 'company':
      return 'region';
    case 'region':
      return 'store';
    default:
      return 'team';
  }
}
