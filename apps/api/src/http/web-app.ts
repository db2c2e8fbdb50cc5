import { existsSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Where `apps/web/build.mjs` puts the members' web app: `dist/web` of the project this module belongs to. */
export function webAppAssets(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return join(folder, 'dist', 'web');
}

/** The API's own paths: never answered with the app's page. */
const API_PATHS = ['/graphql', '/health', '/exports', '/notifications/unsubscribe'];

/** The page loads only what this server serves and talks only to it (HTTP and graphql-ws). */
const PAGE_HEADERS = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/**
 * The members' web app at `/`: its hashed files under `/assets/` (cached for good), and `index.html` for `/`
 * and every client route a browser navigates to (a path without a file extension, asking for HTML). The
 * API's own paths (/graphql, /health, /exports/…, /assemblies/:id/minutes.md, /notifications/unsubscribe) go on to Nest.
 */
export function webApp(assets = webAppAssets()): RequestHandler {
  const index = join(assets, 'index.html');
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = request.path;
    if (API_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return next();
    if (path.startsWith('/assets/')) {
      const file = normalize(join(assets, path));
      if (!file.startsWith(join(assets, 'assets') + sep) || !existsSync(file)) {
        response.status(404).type('text/plain').send('Not found\n');
        return;
      }
      response.sendFile(file, { headers: { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=31536000, immutable' } });
      return;
    }
    // A file name (minutes.md, ledger.csv…) is the API's; a route is the app's.
    if (/\.[a-z0-9]+$/i.test(path)) return next();
    if (request.accepts(['text/html', 'application/json']) !== 'text/html') return next();
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send('The web app is not built: run `npm run build`. The API answers at /graphql.\n');
      return;
    }
    response.sendFile(index, { headers: PAGE_HEADERS });
  };
}
