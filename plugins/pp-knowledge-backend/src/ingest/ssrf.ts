import { InputError } from '@backstage/errors';
import { BlockList, isIP } from 'node:net';

/*
 * The SSRF guard: a source's URL is typed by a person, and the backend fetching it must not
 * become their window into PP's own network (cloud metadata at 169.254.169.254, the database,
 * other pods). Refused unless `allowPrivateNetworks`: loopback, RFC 1918 private, carrier-grade
 * NAT, link-local, unique-local IPv6, multicast, reserved and "this network" addresses, and the
 * name `localhost`. IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) IPv6 addresses are
 * judged by the IPv4 address inside.
 *
 * The check runs where the connection is made (the `lookup` of node:http, see http.ts), on every
 * address a name resolves to and on every redirect hop, so a name that resolves to a public
 * address for a check and to a private one for the request (DNS rebinding) is refused too.
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['100::', 64], // discard
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(
    lower,
  );
  if (hex) {
    const hi = parseInt(hex[1], 16);
    const lo = parseInt(hex[2], 16);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return undefined;
}

/** True when an IP address is not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const unbracketed = address.replace(/^\[|\]$/g, '');
  const family = isIP(unbracketed);
  if (family === 4) return blocked.check(unbracketed, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(unbracketed);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(unbracketed, 'ipv6');
  }
  return true; // not an address: refuse rather than guess
}

/** Throws an InputError for an address the guard refuses. */
export function assertPublicAddress(
  address: string,
  host: string,
  allowPrivateNetworks: boolean,
): void {
  if (allowPrivateNetworks || !isPrivateAddress(address)) return;
  throw new InputError(
    host === address
      ? `${address} is a private or local network address; sources must be on the public internet`
      : `${host} resolves to ${address}, a private or local network address; sources must be on the public internet`,
  );
}

/**
 * Checks a URL before any connection: http(s) only, no `localhost`, and an IP literal host
 * must be public. Names are checked again when they are resolved.
 */
export function assertFetchableUrl(
  url: URL,
  allowPrivateNetworks: boolean,
): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(
      `${url.href} is not an http or https address; sources are read over HTTP`,
    );
  }
  if (allowPrivateNetworks) return;
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) {
    throw new InputError(
      `${url.hostname} is this server itself; sources must be on the public internet`,
    );
  }
  if (isIP(host)) assertPublicAddress(host, host, false);
}
