export * from './roles';
export * from './region-scope';
export * from './identity';
export * from './tokens';
export * from './token-rejection';
export * from './principal-scope';
export * from './offices';
