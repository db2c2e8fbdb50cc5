// Bundles the GraphQL IDE (GraphiQL with React, from npm) into static files in dist/graphql-ide: the page,
// its script and styles, and Monaco's web workers, so that the page loads nothing from another host.
// Part of `npm run build`; skipped when nothing it is made from has changed.
//   node apps/api/src/graphql/ide/build.mjs
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const browser = join(here, 'browser');
const root = resolve(here, '../../../../..');
const out = join(root, 'dist', 'graphql-ide');
const require = createRequire(join(root, 'package.json'));

const PACKAGES = ['graphiql', '@graphiql/react', '@graphiql/toolkit', 'react', 'react-dom', 'monaco-editor', 'monaco-graphql', 'esbuild'];

/** What the bundle is made from: package versions, the page's sources and this script. */
function fingerprint() {
  const hash = createHash('sha256');
  for (const name of PACKAGES)
    hash.update(`${name}@${JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version}\n`);
  for (const file of readdirSync(browser).sort()) hash.update(`${file}\n`).update(readFileSync(join(browser, file)));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  return hash.digest('hex');
}

const STAMP = '.fingerprint';
const wanted = fingerprint();
if (existsSync(join(out, STAMP)) && readFileSync(join(out, STAMP), 'utf8') === wanted) process.exit(0);

const started = Date.now();
mkdirSync(dirname(out), { recursive: true });
const temporary = mkdtempSync(`${out}.building-`);
const common = {
  bundle: true,
  minify: true,
  target: 'es2022',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'linked',
  logLevel: 'warning',
  outdir: temporary,
};
try {
  await build({
    ...common,
    entryPoints: { graphiql: join(browser, 'graphiql-app.mjs') },
    format: 'iife',
    loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
  });
  await build({
    ...common,
    entryPoints: {
      'editor.worker': require.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
      'json.worker': require.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
      'graphql.worker': require.resolve('monaco-graphql/esm/graphql.worker.js'),
    },
    format: 'iife',
  });
  copyFileSync(join(browser, 'index.html'), join(temporary, 'index.html'));
  writeFileSync(join(temporary, STAMP), wanted);
  chmodSync(temporary, 0o755); // served by whichever user runs the server
  rmSync(out, { recursive: true, force: true });
  renameSync(temporary, out);
} catch (error) {
  rmSync(temporary, { recursive: true, force: true });
  throw error;
}
console.log(`Built the GraphQL IDE into ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
