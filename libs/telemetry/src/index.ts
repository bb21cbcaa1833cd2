export * from './metrics-registry';
export * from './tracing';
export * from './trace-context';
