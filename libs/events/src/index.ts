export * from './events';
export * from './queues';
export * from './redis-connection';
export * from './outbox';
export * from './outbox-relay';
export * from './inbox';
export * from './idempotent-consumer';
export * from './notifications';
