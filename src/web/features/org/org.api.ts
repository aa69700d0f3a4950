import type { Employee, Position, Unit } from '../../../contracts/org.ts';
import { apiPatch, apiPost, fetchAllPages } from '../../shared/api/client.ts';

export type { Employee, Position, Unit };
export type UnitKind = Unit['kind'];
export type CompensationType = Position['authority']['compensationTypes'][number];

export const UNIT_KINDS: UnitKind[] = ['company', 'region', 'department', 'store', 'team'];
export const COMPENSATION_TYPES: CompensationType[] = ['refund', 'voucher', 'upgrade', 'gift'];

export interface UnitInput {
  name: string;
  nameEn: string | null;
  parentId: string | null;
  kind: UnitKind;
}

export interface PositionInput {
  name: string;
  nameEn: string | null;
  authority: Position['authority'];
}

export interface EmployeeInput {
  name: string;
  email: string | null;
  unitId: string;
  positionId: string;
  managerId: string | null;
}

/** Every unit the caller may see (all pages). */
export const listUnits = (signal?: AbortSignal) => fetchAllPages<Unit>('/units', {}, signal);
export const createUnit = (input: UnitInput) => apiPost<Unit>('/units', input);
export const updateUnit = (id: string, input: Partial<UnitInput>) => apiPatch<Unit>(`/units/${id}`, input);

/** Every position (all pages). */
export const listPositions = (signal?: AbortSignal) => fetchAllPages<Position>('/positions', {}, signal);
export const createPosition = (input: PositionInput) => apiPost<Position>('/positions', input);
export const updatePosition = (id: string, input: Partial<PositionInput>) =>
  apiPatch<Position>(`/positions/${id}`, input);

/** Every employee the caller may see, or those of one unit and its sub-units. */
export const listEmployees = (unitId?: string, signal?: AbortSignal) =>
  fetchAllPages<Employee>('/employees', { unitId }, signal);
export const createEmployee = (input: EmployeeInput) => apiPost<Employee>('/employees', input);
export const updateEmployee = (id: string, input: Partial<EmployeeInput>) =>
  apiPatch<Employee>(`/employees/${id}`, input);
