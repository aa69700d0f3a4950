export { publish, publishMany, onEventCommitted, type Event, type PublishOptions } from './outbox.ts';
export { EventBus, type EventHandler, type EventBusOptions, type DrainResult } from './dispatcher.ts';
