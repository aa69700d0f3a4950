// The organisation module's public surface: other modules import from here only.
export { registerOrgRoutes } from './org.routes.ts';
export { dataScopeOf, unitSubtreeIds, isEmployeeInScope, type DataScope } from './org.scope.ts';
export { createUnit, listUnits } from './units.service.ts';
export { createPosition, listPositions } from './positions.service.ts';
export { createEmployee, listEmployees } from './employees.service.ts';
export { createOrganisation, findOrganisationBySlug, type Organisation } from './organisations.service.ts';
