export * from './data-source.js';
export * from './embedded-postgres.js';
export * from './server.js';
export * from './query.js';
export * from './unit-of-work.js';
export { DbModule } from './db.module.js';
export { DatabaseListener } from './database-listener.js';
