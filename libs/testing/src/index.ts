export * from './graphql-client';
export * from './test-database';
export * from './schema-enums';
export * from './prometheus-text';
export * from './redis-cluster';
