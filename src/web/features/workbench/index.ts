// workbench's public surface for other features.
export { StatusTag } from './CaseTags.tsx';
export { byUrgency, getCase, isOverdue, listCases, listRootCauses, OPEN_STATUSES } from './workbench.api.ts';
