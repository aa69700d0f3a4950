import { describe, expect, it } from 'vitest';
import type { Unit } from './org.api.ts';
import { buildUnitTree, initiallyExpandedIds, likelyChildKind, subtreeIds } from './unit-tree.ts';

const unit = (id: string, parentId: string | null, kind: Unit['kind'], name = id): Unit => ({
  id,
  name,
  nameEn: null,
  parentId,
  kind,
});

const units = [
  unit('s2', 'south', 'store', '深圳福田门店'),
  unit('hq', null, 'company', '星辰零售'),
  unit('east', 'hq', 'region', '华东大区'),
  unit('south', 'hq', 'region', '华南大区'),
  unit('s1', 'east', 'store', '上海徐汇门店'),
  unit('t1', 's1', 'team', '配送组'),
  unit('ops', 'hq', 'department', '运营部'),
];

describe('buildUnitTree', () => {
  it('nests the flat list and sorts siblings by kind', () => {
    const [root, ...others] = buildUnitTree(units);
    expect(others).toHaveLength(0);
    expect(root?.unit.id).toBe('hq');
    expect(root?.children.map((c) => c.unit.kind)).toEqual(['region', 'region', 'department']);
    expect(root?.children[0]?.children[0]?.children[0]?.unit.id).toBe('t1');
    expect(root?.children[0]?.children[0]?.children[0]?.depth).toBe(3);
  });

  it('makes a unit whose parent is out of scope a root', () => {
    const forest = buildUnitTree(units.filter((u) => u.id !== 'hq'));
    expect(forest.map((n) => n.unit.id).sort()).toEqual(['east', 'ops', 'south']);
  });

  it('survives a cycle without looping', () => {
    const forest = buildUnitTree([unit('a', 'b', 'team'), unit('b', 'a', 'team'), unit('r', null, 'company')]);
    expect(forest.map((n) => n.unit.id)).toEqual(['r']);
  });
});

describe('unit tree helpers', () => {
  it('finds a subtree', () => {
    expect([...subtreeIds(units, 'east')].sort()).toEqual(['east', 's1', 't1']);
  });

  it('opens the top two levels that have children', () => {
    expect(initiallyExpandedIds(buildUnitTree(units))).toEqual(['hq', 'east', 'south']);
  });

  it('guesses a child kind', () => {
    expect(likelyChildKind('company')).toBe('region');
    expect(likelyChildKind('region')).toBe('store');
    expect(likelyChildKind(undefined)).toBe('company');
  });
});
