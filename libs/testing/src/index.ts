export * from './graphql-client';
export * from './test-database';
export * from './schema-enums';
