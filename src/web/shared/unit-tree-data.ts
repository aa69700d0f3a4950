/** Tree data for an antd TreeSelect of units. */
export interface UnitNode {
  value: string;
  title: string;
  children: UnitNode[];
}

/** The units as a tree for a TreeSelect; a unit whose parent is not in the list becomes a root (a manager's subtree). */
export function unitTreeData<U extends { id: string; parentId: string | null }>(units: readonly U[], nameOf: (u: U) => string): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const nodes = new Map(units.map((u) => [u.id, { value: u.id, title: nameOf(u), children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    if (unit.parentId && ids.has(unit.parentId)) nodes.get(unit.parentId)!.children.push(node);
    else roots.push(node);
  }
  return roots;
}
