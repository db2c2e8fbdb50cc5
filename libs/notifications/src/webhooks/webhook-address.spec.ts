import { checkWebhookTarget, isPublicAddress, WebhookAddressError } from './webhook-address.js';

const noLookup = () => Promise.reject(new Error('no DNS in this test'));

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '2001:db8::1',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['93.184.215.14', '8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts %s', (address) =>
    expect(isPublicAddress(address)).toBe(true),
  );
});

describe('checkWebhookTarget', () => {
  it('refuses IP literals that are not public, whatever the port or scheme', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://10.0.0.7/',
      'http://[::1]/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:192.168.0.1]/',
    ])
      await expect(checkWebhookTarget(url, [], noLookup)).rejects.toThrow(WebhookAddressError);
  });

  it('allows a listed host', async () => {
    const target = await checkWebhookTarget('http://127.0.0.1:9/hook', ['127.0.0.1'], noLookup);
    expect(target.addresses).toEqual(['127.0.0.1']);
  });

  it('refuses a name that resolves to a private address, and accepts one that resolves to public ones only', async () => {
    await expect(checkWebhookTarget('https://hooks.example/', [], async () => ['93.184.215.14', '10.0.0.1'])).rejects.toThrow(
      /10\.0\.0\.1/,
    );
    await expect(checkWebhookTarget('https://hooks.example/', [], async () => ['93.184.215.14'])).resolves.toMatchObject({
      host: 'hooks.example',
      addresses: ['93.184.215.14'],
    });
  });

  it('refuses other schemes, credentials, and names that do not resolve', async () => {
    await expect(checkWebhookTarget('ftp://93.184.215.14/', [], noLookup)).rejects.toThrow(/http/);
    await expect(checkWebhookTarget('https://user:pw@93.184.215.14/', [], noLookup)).rejects.toThrow(/password/);
    await expect(checkWebhookTarget('https://nowhere.example/', [], noLookup)).rejects.toThrow(/does not resolve/);
    await expect(checkWebhookTarget('not a url', [], noLookup)).rejects.toThrow(/valid URL/);
  });
});
