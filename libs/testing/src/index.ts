export * from './test-app.js';
export * from './test-database.js';
export * from './api-process.js';
export * from './captured-logger.js';
export * from './schema-contract.js';
export * from './audit-tamper.js';
