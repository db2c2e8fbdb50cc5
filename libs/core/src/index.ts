export * from './errors.js';
export * from './config.js';
export * from './pagination.js';
export * from './uuid.js';
export { DecimalScalar } from './scalars/decimal.scalar.js';
export { JsonScalar } from './scalars/json.scalar.js';
export * from './loaders.js';
export * from './rational.js';
export * from './periodic-task.js';
