import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may not reach: loopback, private, link-local, shared, reserved, documentation, multicast. */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail counts as two). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /((?:\d{1,3}\.){3}\d{1,3})$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => parseInt(group || '0', 16));
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (`::ffff:10.0.0.1`), if it is one. */
function embeddedIpv4(groups: number[]): string | null {
  if (groups.slice(0, 5).some((group) => group !== 0) || (groups[5] !== 0xffff && groups[5] !== 0)) return null;
  if (groups[5] === 0 && groups[6] === 0) return null; // ::, ::1 and the like are IPv6's own
  return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
}

/** Whether `address` (an IP literal) is on the public internet. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family === 6) {
    const groups = ipv6Groups(address);
    const inner = embeddedIpv4(groups);
    if (inner) return isPublicAddress(inner);
    // Only global unicast (2000::/3) is public.
    if ((groups[0] & 0xe000) !== 0x2000) return false;
    return !NOT_PUBLIC.check(address, 'ipv6');
  }
  return false;
}

export type Lookup = (host: string) => Promise<string[]>;

export interface CheckedTarget {
  url: URL;
  /** The host as written, without IPv6 brackets, lower case. */
  host: string;
  /** The addresses to connect to (already checked). */
  addresses: string[];
}

/** Why a webhook URL is refused: a sentence for the admin. */
export class WebhookAddressError extends Error {}

/**
 * Parses and checks a webhook URL: http or https, no credentials, and a host that is, and resolves only to,
 * public addresses, unless it is in `allowedHosts`. Returns the addresses to connect to, so a delivery
 * connects to what was checked (a second lookup could answer otherwise).
 */
export async function checkWebhookTarget(raw: string, allowedHosts: readonly string[], lookup: Lookup): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookAddressError('url is not a valid URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookAddressError('url must start with http:// or https://.');
  if (url.username || url.password) throw new WebhookAddressError('url must not carry a user name or password.');
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!host) throw new WebhookAddressError('url has no host.');
  const allowed = allowedHosts.includes(host);
  const addresses = isIP(host) ? [host] : await lookup(host).catch(() => []);
  if (addresses.length === 0) throw new WebhookAddressError(`The host ${host} does not resolve.`);
  if (!allowed) {
    const refused = addresses.find((address) => !isPublicAddress(address));
    if (refused !== undefined)
      throw new WebhookAddressError(
        `The host ${host} is, or resolves to, ${refused}, which is not a public address (loopback, private, link-local or reserved); ` +
          'list it in WEBHOOK_ALLOWED_HOSTS to allow it.',
      );
  }
  return { url, host, addresses };
}
