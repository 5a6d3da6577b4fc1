export { openDatabase, type Database, type DatabaseTarget, type Db } from './client.js';
export {
  acquireDataDirLock,
  describeHolder,
  lockDatabaseDir,
  type DataDirLock,
  type LockHolder,
} from './data-dir-lock.js';
export * from './repositories/index.js';
export {
  findUnstorableText,
  refineStorable,
  unstorableCharacter,
  type UnstorableCharacter,
} from './storable-text.js';
