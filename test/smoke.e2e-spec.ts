import { TestApp } from '@commons/testing';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers health and me', async () => {
    const admin = await t.admin();
    const data = await t.ok('{ me { id status roles } }', {}, admin.token);
    expect(data.me).toEqual({ id: admin.id, status: 'ACTIVE', roles: ['MEMBER', 'ADMIN'] });
  });
});
