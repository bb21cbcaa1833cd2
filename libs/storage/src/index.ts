export * from './object-store';
export * from './object-key';
export * from './local-directory-store';
export * from './s3-object-store';
export * from './store-config';
export * from './delete-prefix';
