export { publish, publishMany, onEventCommitted, relayOtherProcessesCommits, EVENTS_CHANNEL, type Event, type PublishOptions, type CommitListener } from './outbox.ts';
export { EventBus, type EventHandler, type BatchEventHandler, type EventBusOptions, type DrainResult } from './dispatcher.ts';
