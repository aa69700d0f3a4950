// The operational-data module's public surface: other modules, main.ts, the demo seed and the CLI import from here only.
export { registerOdataRoutes } from './odata.routes.ts';
export { registerImporter, importKinds, runImport, type CsvImporter, type ImportOptions } from './odata.import.ts';
export { readFixedHeader, type ColumnSpec } from './odata.importers.ts';
export { convertCell, toIsoTime, type CellKind } from './odata.csv-cells.ts';
export { findCustomer, upsertCustomers } from './customers.service.ts';
export { findInteraction, findInteractions, recordInteractions, type InteractionRecorded } from './interactions.service.ts';
export { partnerRuleMatcher } from './partner-rules.ts';
export { recordBehaviourEvents } from './behaviour-events.service.ts';
export type { BatchOutcome, ItemError } from './odata.batch.ts';
export type { Customer, Interaction, ImportResult } from '../../../contracts/odata.ts';
