import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TestApp } from '@commons/testing';

/** What Chromium sends when someone opens /graphql in the address bar. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const get = (base: string, path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

describe('the GraphQL IDE at /graphql', () => {
  let dev: TestApp;
  let production: TestApp;
  let productionWithIde: TestApp;

  beforeAll(async () => {
    // The bundle is made by `npm run build`; a clone that runs the tests first makes it here (once, then cached).
    execFileSync(process.execPath, [join(process.cwd(), 'apps/api/src/graphql/ide/build.mjs')], { stdio: 'inherit', timeout: 240_000 });
    [dev, production, productionWithIde] = await Promise.all([
      TestApp.start(),
      TestApp.start({ NODE_ENV: 'production' }),
      TestApp.start({ NODE_ENV: 'production', GRAPHQL_IDE: 'true' }),
    ]);
  }, 300_000);

  afterAll(async () => {
    await Promise.all([dev?.stop(), production?.stop(), productionWithIde?.stop()]);
  });

  it('gives a browser GraphiQL, with the token field explained', async () => {
    const response = await get(dev.baseUrl, '/graphql', { accept: BROWSER_ACCEPT });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<title>Commons GraphQL IDE</title>');
    expect(page).toContain('run the <code>login</code> mutation, copy the <code>token</code> it returns');
    expect(page).toContain('<code>{"Authorization": "Bearer &lt;token&gt;"}</code>');
    // The editor opens on the same explanation, above a login mutation ready to run.
    const script = await (await get(dev.baseUrl, '/graphql/ide/graphiql.js')).text();
    // (`includes`, not `toContain`: a failure would print all 5 MB of the script.)
    expect(script.includes('{ "Authorization": "Bearer <the token>" }')).toBe(true);
    expect(script.includes('login(email: "you@example.coop"')).toBe(true);
  });

  it('loads nothing from another host', async () => {
    const response = await get(dev.baseUrl, '/graphql', { accept: BROWSER_ACCEPT });
    const page = await response.text();
    const references = [...page.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    // (`data:,` is an empty icon, so that the browser does not ask for /favicon.ico.)
    expect(references.sort()).toEqual(['/graphql/ide/graphiql.css', '/graphql/ide/graphiql.js', 'data:,']);
    // And the browser is told so: scripts, styles, workers and connections from this origin only.
    const policy = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "frame-ancestors 'none'",
    ]) {
      expect(policy).toContain(directive);
    }

    const assets: Array<[string, RegExp]> = [
      ['graphiql.js', /javascript/],
      ['graphiql.css', /text\/css/],
      ['editor.worker.js', /javascript/],
      ['json.worker.js', /javascript/],
      ['graphql.worker.js', /javascript/],
    ];
    for (const [name, type] of assets) {
      const asset = await get(dev.baseUrl, `/graphql/ide/${name}`);
      expect([name, asset.status, asset.headers.get('content-type')]).toEqual([name, 200, expect.stringMatching(type)]);
      const text = await asset.text();
      // No stylesheet, font, script or worker fetched from elsewhere.
      expect([name, text.match(/url\(\s*["']?(https?:)?\/\//g)]).toEqual([name, null]);
      expect([name, text.match(/importScripts\(\s*["']https?:/g)]).toEqual([name, null]);
    }
    const script = await (await get(dev.baseUrl, '/graphql/ide/graphiql.js')).text();
    for (const worker of ['/graphql/ide/editor.worker.js', '/graphql/ide/json.worker.js', '/graphql/ide/graphql.worker.js'])
      expect([worker, script.includes(`"${worker}"`)]).toEqual([worker, true]);
    expect((await get(dev.baseUrl, '/graphql/ide/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await get(dev.baseUrl, '/graphql/ide/index.html.map')).status).toBe(404);
  });

  it('leaves every other request to the API, with its CSRF prevention on', async () => {
    // A GET that is not a browser's page load is a GraphQL request, and a simple cross-site one is refused.
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json, text/html']) {
      const response = await get(dev.baseUrl, '/graphql?query=%7B__typename%7D', { accept });
      expect([accept, response.status]).toEqual([accept, 400]);
      expect(await response.text()).toContain('Cross-Site Request Forgery');
    }
    const preflighted = await get(dev.baseUrl, '/graphql?query=%7B__typename%7D', {
      accept: 'application/json',
      'apollo-require-preflight': 'true',
    });
    expect(await preflighted.json()).toEqual({ data: { __typename: 'Query' } });
    // What GraphiQL itself sends: a JSON POST.
    expect(await dev.gql('{ __typename }')).toMatchObject({ status: 200, data: { __typename: 'Query' } });
  });

  it('is off in production unless GRAPHQL_IDE=true', async () => {
    const refused = await get(production.baseUrl, '/graphql', { accept: BROWSER_ACCEPT });
    expect(refused.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await refused.text()).not.toContain('GraphiQL');
    expect((await get(production.baseUrl, '/graphql/ide/graphiql.js')).headers.get('content-type')).not.toMatch(/javascript/);
    expect(await production.gql('{ __typename }')).toMatchObject({ status: 200, data: { __typename: 'Query' } });

    const served = await get(productionWithIde.baseUrl, '/graphql', { accept: BROWSER_ACCEPT });
    expect([served.status, served.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/html/)]);
    expect(await served.text()).toContain('Commons GraphQL IDE');
  });
});
