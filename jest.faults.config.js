import base from './jest.config.js';

/** `npm run test:faults`: the slow reliability tests (processes killed, databases restarted). */
export default {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 180000,
  maxWorkers: 1,
};
