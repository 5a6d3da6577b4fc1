export {
  assertValidKey,
  assertValidContentType,
  ObjectStoreError,
  type ObjectStore,
  type ObjectStoreErrorCode,
} from './object-store.js';
export { createLocalObjectStore, type LocalObjectStoreOptions } from './local-object-store.js';
export { createS3ObjectStore, s3ObjectUrl, type S3ObjectStoreOptions } from './s3-object-store.js';
