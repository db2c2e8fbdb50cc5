import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from '@commons/testing';
import { buildWebApp } from './web-helpers.js';

describe('the web app is served by the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    buildWebApp();
    t = await TestApp.start();
  }, 180_000);
  afterAll(async () => {
    await t.stop();
  });

  const page = (path: string, accept = 'text/html,application/xhtml+xml') => fetch(`${t.baseUrl}${path}`, { headers: { accept } });

  it('serves the app at / and index.html for its client routes, with a strict content security policy', async () => {
    for (const path of ['/', '/sign-in', '/proposals/3f8a3b52-8c1e-4a49-9d0e-0b0a3c1f1f11', '/budgets/x', '/assemblies/y', '/verify']) {
      const response = await page(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves the page at every route the app has, none shadowed by an API path (a reload or a bookmark works)', async () => {
    const routes = [...readFileSync(join(process.cwd(), 'apps/web/src/app.tsx'), 'utf8').matchAll(/path="(\/[^"]*)"/g)].map((match) =>
      match[1].replace(/:[a-zA-Z]+/g, '3f8a3b52-8c1e-4a49-9d0e-0b0a3c1f1f11'),
    );
    expect(routes).toEqual(expect.arrayContaining(['/', '/sign-in', '/audit', '/governance-health', '/notifications']));
    for (const route of routes) {
      const response = await page(route);
      expect([route, response.headers.get('content-type')]).toEqual([route, expect.stringMatching(/text\/html/)]);
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves the hashed assets the page names, cached for good; an unknown one is 404', async () => {
    const html = await (await page('/')).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const response = await fetch(`${t.baseUrl}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.baseUrl}/assets/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/assets/../index.html`)).status).not.toBe(500);
  });

  it('leaves the API its paths: /graphql, /health, the exports and the minutes', async () => {
    const health = await page('/health');
    expect(health.headers.get('content-type')).toMatch(/json/);
    expect(health.status).toBe(200);
    const admin = await t.admin();
    expect((await t.ok('{ me { id } }', {}, admin.token)).me.id).toBe(admin.id);
    const ledger = await fetch(`${t.baseUrl}/exports/ledger.csv`, { headers: { accept: 'text/html' } });
    expect(ledger.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    const minutes = await fetch(`${t.baseUrl}/assemblies/3f8a3b52-8c1e-4a49-9d0e-0b0a3c1f1f11/minutes.md`, {
      headers: { accept: 'text/html' },
    });
    expect(await minutes.text()).not.toContain('<div id="root">');
    // A JSON client asking for a path the API does not have gets the API's 404, not the page.
    expect((await page('/no-such-route', 'application/json')).status).toBe(404);
  });
});
