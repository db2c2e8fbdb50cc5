// Runs TypeScript sources directly (benchmarks, and the server in the fault tests), transpiled by swc
// as Jest does: node --import ./scripts/register-ts.mjs bench/tally.bench.ts
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
