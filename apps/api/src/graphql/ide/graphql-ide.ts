import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Where `build.mjs` puts the bundle: `dist/graphql-ide` of the project this module belongs to. */
export function graphqlIdeAssets(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return join(folder, 'dist', 'graphql-ide');
}

/** The page may load only what this server serves; it talks only to this server (HTTP and graphql-ws). */
const PAGE_HEADERS = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    // Monaco sets styles from its script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const ASSET = /^[a-z][a-z0-9.-]*\.(js|css|txt)$/;

/**
 * GraphiQL for people with a browser: `GET /graphql` asking for HTML gets the IDE page, and
 * `/graphql/ide/*` its files; every other request goes on to Apollo, whose CSRF prevention stays on.
 * Mount it on `/graphql`, before the GraphQL server.
 */
export function graphqlIde(assets = graphqlIdeAssets()): RequestHandler {
  const files = new Set(existsSync(assets) ? readdirSync(assets).filter((name) => ASSET.test(name)) : []);
  const built = existsSync(join(assets, 'index.html'));

  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path === '/') {
      // A browser's navigation prefers HTML; GraphQL clients (and curl's */*) get the API as before.
      if (request.accepts(['application/graphql-response+json', 'application/json', 'text/html']) !== 'text/html') return next();
      if (!built) {
        response
          .status(503)
          .type('text/plain')
          .send('The GraphQL IDE is not built: run `npm run build`. The API itself answers POST /graphql.\n');
        return;
      }
      response.sendFile(join(assets, 'index.html'), { headers: PAGE_HEADERS });
      return;
    }
    const name = request.path.startsWith('/ide/') ? request.path.slice('/ide/'.length) : undefined;
    if (name === undefined) return next();
    if (!files.has(name)) {
      response.status(404).type('text/plain').send('Not found\n');
      return;
    }
    response.sendFile(join(assets, name), { headers: { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' } });
  };
}
