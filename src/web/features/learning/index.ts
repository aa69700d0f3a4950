/** The learning feature (capability building): its pages for the app's routes, and an item picker for other features' forms. */
export { MyLearningPage } from './MyLearningPage.tsx';
export { CataloguePage } from './CataloguePage.tsx';
export { AssignmentsPage } from './AssignmentsPage.tsx';
export { CoveragePage } from './CoveragePage.tsx';
export { LearningItemSelect } from './LearningItemSelect.tsx';
