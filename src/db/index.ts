export { openDatabase, type Database, type DatabaseTarget, type Db } from './client.js';
export * from './repositories/index.js';
