// org's public surface for other features.
export type { Employee, Unit } from './org.api.ts';
export { listEmployees } from './org.api.ts';
export { subtreeIds } from './unit-tree.ts';
export { useById, useEmployees, usePositionOptions, usePositions, useUnits, useUnitTreeSelectData } from './use-org-data.ts';
