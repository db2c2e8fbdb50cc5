// Builds the members' web app (apps/web) into dist/web with Vite, which the API serves at `/`.
// Part of `npm run build` (so of `npm start`) and `npm test`; skipped when nothing it is made from has
// changed (its sources, the lockfile and this script). `--force` builds anyway.
//   node apps/web/build.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const out = join(root, 'dist', 'web');
const STAMP = join(root, 'dist', '.web-fingerprint');

function* files(folder) {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (!/\.test\.tsx?$/.test(name)) yield path;
  }
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const path of [...files(join(here, 'src')), join(here, 'index.html'), join(here, 'vite.config.ts'), join(root, 'package-lock.json')])
    hash.update(`${relative(root, path)}\n`).update(readFileSync(path));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex');
}

const wanted = fingerprint();
const force = process.argv.includes('--force');
if (!force && existsSync(join(out, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === wanted) process.exit(0);

const started = Date.now();
// A production bundle whatever NODE_ENV the caller runs with (Jest sets `test`, which would bundle React's
// development build).
process.env.NODE_ENV = 'production';
const { build } = await import('vite');
await build({ configFile: join(here, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
writeFileSync(STAMP, wanted);
console.log(`Built the web app into ${relative(root, out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
