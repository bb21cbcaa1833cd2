export * from './errors';
export * from './scalars';
export * from './connections';
export * from './validation';
export * from './calendar';
export * from './text';
