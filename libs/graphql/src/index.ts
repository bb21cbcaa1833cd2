export * from './errors';
export * from './scalars';
export * from './connections';
export * from './validation';
export * from './input-check';
export * from './quote';
export * from './calendar';
export * from './text';
