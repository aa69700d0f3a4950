// webhooks' public surface for other features.
export { DeliveriesDrawer } from './DeliveriesDrawer.tsx';
