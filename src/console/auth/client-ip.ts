import { BlockList, isIP } from 'node:net';
import { HpconfError } from '../../errors/registry.js';

/**
 * The address a request came from. Behind a load balancer every request arrives from the proxy,
 * so X-Forwarded-For is read, but only when the peer is a proxy the operator named
 * (HPCONF_TRUSTED_PROXIES): anyone else could write that header to dodge the per-address limit.
 */
export interface ProxyTrust { list: BlockList; describe: string }

const unmap = (a: string) => (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a);

/** "10.0.0.0/8, 127.0.0.1, fd00::/8" -> a list; a bad entry is a usage error at start. */
export function parseTrustedProxies(spec: string | undefined): ProxyTrust | undefined {
  if (!spec?.trim()) return undefined;
  const list = new BlockList();
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [addr, bits] = raw.split('/');
    const fam = isIP(addr);
    if (!fam || (bits !== undefined && !/^[0-9]{1,3}$/.test(bits))) throw new HpconfError('HPC_USAGE', { details: `trusted proxy "${raw}" is not an address or CIDR` });
    const type = fam === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return { list, describe: spec };
}

function trusted(t: ProxyTrust | undefined, a: string): boolean {
  if (!t) return false;
  const fam = isIP(a);
  return fam !== 0 && t.list.check(a, fam === 4 ? 'ipv4' : 'ipv6');
}

/** The client: the peer, or, through trusted proxies, the last address in X-Forwarded-For that is not one of them. */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, t: ProxyTrust | undefined): string {
  let addr = unmap(peer ?? 'unknown');
  if (!trusted(t, addr) || !forwardedFor) return addr;
  const hops = forwardedFor.split(',').map((s) => unmap(s.trim())).filter((s) => isIP(s));
  for (let i = hops.length - 1; i >= 0; i--) {
    addr = hops[i];
    if (!trusted(t, addr)) return addr;
  }
  return addr;
}

/** Whether the request came through a trusted proxy (so its X-Forwarded-Proto may be believed). */
export function viaTrustedProxy(peer: string | undefined, t: ProxyTrust | undefined): boolean {
  return trusted(t, unmap(peer ?? ''));
}

/** The key an address is limited under: IPv6 clients get a /64 each, as one host usually does. */
export function limitKey(addr: string): string {
  if (isIP(addr) !== 6) return addr;
  const full = expand6(addr);
  return full ? `${full.slice(0, 4).join(':')}::/64` : addr;
}

function expand6(a: string): string[] | undefined {
  const [head, tail] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  if (t.some((x) => x.includes('.')) || h.some((x) => x.includes('.'))) return undefined;
  const fill = a.includes('::') ? Array(8 - h.length - t.length).fill('0') : [];
  const all = [...h, ...fill, ...t];
  return all.length === 8 ? all.map((x) => x.toLowerCase().replace(/^0+(?=.)/, '')) : undefined;
}
