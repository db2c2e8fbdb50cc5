// Usage: node --import ./bench/register-ts.mjs bench/equal-shares.bench.ts
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
