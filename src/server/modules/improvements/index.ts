// The improvements module's public surface (outer loop, C6): main.ts imports from here only.
export { registerImprovementRoutes } from './improvements.routes.ts';
export { createImprovementProject, getImprovementProject, listImprovementProjects, suggestImprovementProjects } from './improvements.service.ts';
