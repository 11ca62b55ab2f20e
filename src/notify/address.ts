import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Loopback, private, link-local and other non-public addresses: a webhook pointing at one could reach the
 * Console's own network (the cloud metadata service at 169.254.169.254, an admin port on localhost), so it
 * is refused unless added with allow-private. Checked on the address actually connected to, after DNS.
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

export function isPrivateAddress(addr: string): boolean {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (v4mapped) return isPrivateAddress(v4mapped[1]);
  const family = isIP(addr);
  if (!family) return true; // not an address: never trusted as public
  return PRIVATE.check(addr, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as the resolver sees it (IPv6 literals without brackets). */
export const hostOf = (u: URL) => u.hostname.replace(/^\[(.*)\]$/, '$1');

/** Literal addresses and `localhost` are known without DNS: refused when added. */
export function obviouslyPrivate(u: URL): boolean {
  const h = hostOf(u).toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return isIP(h) ? isPrivateAddress(h) : false;
}

/** Resolve and choose the address to connect to; refused (with why) when any is private and that is not allowed. */
export async function resolvePublic(u: URL, allowPrivate: boolean): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostOf(u);
  const all = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : (await lookup(host, { all: true, verbatim: true })) as { address: string; family: 4 | 6 }[];
  if (!all.length) throw new Error(`${host} does not resolve`);
  if (!allowPrivate) {
    const bad = all.find((a) => isPrivateAddress(a.address));
    if (bad) throw new Error(`${host} resolves to ${bad.address}, a loopback or private address (add the webhook with --allow-private to allow it)`);
  }
  return all[0];
}
