import { addressProblem, webhookUrlProblem, type ResolveHost } from './url-safety';

const STRICT = { requireHttps: true, allowPrivateAddresses: false };
const resolvesTo =
  (...addresses: string[]): ResolveHost =>
  async () =>
    addresses;

describe('webhook URL safety', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.9',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd12:3456::1',
    '::ffff:10.0.0.1',
    '100.64.0.1',
  ])('refuses %s', (address) => {
    expect(addressProblem(address)).not.toBeNull();
  });

  it.each(['8.8.8.8', '2606:4700:4700::1111'])('accepts the public address %s', (address) => {
    expect(addressProblem(address)).toBeNull();
  });

  it('requires https when told to', async () => {
    expect(await webhookUrlProblem('http://finance.example.com/hook', STRICT, resolvesTo('8.8.8.8'))).toMatch(
      /https/,
    );
    expect(
      await webhookUrlProblem('https://finance.example.com/hook', STRICT, resolvesTo('8.8.8.8')),
    ).toBeNull();
  });

  it('refuses a name when any of its addresses is private', async () => {
    const problem = await webhookUrlProblem(
      'https://finance.example.com/hook',
      STRICT,
      resolvesTo('8.8.8.8', '10.0.0.5'),
    );
    expect(problem).toMatch(/10\.0\.0\.5/);
  });

  it('refuses literal private addresses, IPv6 in brackets included', async () => {
    expect(await webhookUrlProblem('https://127.0.0.1/hook', STRICT)).toMatch(/loopback/);
    expect(await webhookUrlProblem('https://[::1]:8443/hook', STRICT)).toMatch(/loopback/);
  });

  it('refuses a host that does not resolve', async () => {
    const failing: ResolveHost = async () => {
      throw new Error('ENOTFOUND');
    };
    expect(await webhookUrlProblem('https://nowhere.invalid/hook', STRICT, failing)).toMatch(/resolve/);
  });

  it('refuses what is not an http URL, and credentials in it', async () => {
    expect(await webhookUrlProblem('not a url', STRICT)).toMatch(/absolute URL/);
    expect(await webhookUrlProblem('ftp://example.com/x', STRICT)).toMatch(/http or https/);
    expect(await webhookUrlProblem('https://u:p@example.com/x', STRICT, resolvesTo('8.8.8.8'))).toMatch(
      /password/,
    );
  });

  it('lets loopback through when private addresses are allowed (development and tests)', async () => {
    expect(
      await webhookUrlProblem('http://127.0.0.1:9000/hook', {
        requireHttps: false,
        allowPrivateAddresses: true,
      }),
    ).toBeNull();
  });
});
