export * from './context';
export * from './subgraph-server';
export * from './health';
export * from './lifecycle';
export * from './subgraph-client';
export * from './foreign-references';
export * from './http';
export * from './entity-refs';
