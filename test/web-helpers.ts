import { execFileSync } from 'node:child_process';

/** Builds dist/web if it is stale (a no-op when `npm test` or `npm start` built it already). */
export function buildWebApp(): void {
  execFileSync(process.execPath, ['apps/web/build.mjs'], { stdio: 'inherit' });
}
