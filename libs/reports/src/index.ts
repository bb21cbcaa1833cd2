export * from './report-kinds';
export * from './report-queues';
export * from './section-job';
export * from './section-file';
export * from './section-context';
export * from './run-section';
export * from './section-worker';
export * from './datasets/directories';
