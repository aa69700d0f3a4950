// The learning module's public surface (capability building, issue 15): main.ts and the demo import from here only.
export { registerLearningRoutes } from './learning.routes.ts';
export { registerLearningEvents } from './learning.events.ts';
export { insertLearningItem } from './items.service.ts';
export { insertAssignment } from './assignments.service.ts';
export { getMyLearning } from './my-learning.service.ts';
