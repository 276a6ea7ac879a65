import { assertFetchableUrl, isPrivateAddress } from './ssrf';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    'fc00::abcd',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '[::1]',
    'not-an-ip',
  ])('%s is private', address => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('%s is public', address => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('assertFetchableUrl', () => {
  const check = (url: string, allow = false) =>
    assertFetchableUrl(new URL(url), allow);

  it('refuses other protocols, localhost and private literals', () => {
    expect(() => check('ftp://example.com/feed')).toThrow(
      'ftp://example.com/feed is not an http or https address',
    );
    expect(() => check('file:///etc/passwd', true)).toThrow(/not an http/);
    expect(() => check('http://localhost:7007/')).toThrow(
      'localhost is this server itself',
    );
    expect(() => check('http://api.localhost/')).toThrow(/this server itself/);
    expect(() => check('http://localhost./')).toThrow(/this server itself/);
    expect(() => check('http://[::1]:80/')).toThrow(
      '::1 is a private or local network address',
    );
    expect(() => check('http://10.0.0.5/')).toThrow(/private or local/);
    expect(() => check('http://2130706433/')).toThrow(
      /127\.0\.0\.1 is a private/,
    );
  });

  it('lets public addresses and names through, and everything when allowed', () => {
    expect(() => check('https://example.com/feed.xml')).not.toThrow();
    expect(() => check('http://8.8.8.8/')).not.toThrow();
    expect(() => check('http://127.0.0.1:1234/', true)).not.toThrow();
  });
});
