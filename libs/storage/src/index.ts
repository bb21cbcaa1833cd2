export * from './object-store';
export * from './local-directory-store';
