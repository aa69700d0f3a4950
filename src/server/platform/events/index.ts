export { publish, publishMany, onEventCommitted, type Event, type PublishOptions } from './outbox.ts';
export { EventBus, type EventHandler, type BatchEventHandler, type EventBusOptions, type DrainResult } from './dispatcher.ts';
