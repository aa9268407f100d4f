/**
 * Link-local addresses: 169.254.0.0/16 and fe80::/10, also spelled inside IPv6 (IPv4-mapped
 * ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d, IPv4-compatible ::a.b.c.d and the NAT64
 * prefix 64:ff9b::/96). They hold a host's own plumbing, above all the cloud metadata service
 * at 169.254.169.254, so a URL the server itself connects to must never point there.
 *
 * Pure (no node:net) so the web app can check a field as the API does. Takes what
 * `new URL(...).hostname` gives (IPv6 in brackets; IPv4 already normalised from forms such
 * as 0xa9fe0101 or 169.254.1 into dotted quads) or what a DNS lookup answers.
 */
export function isLinkLocalAddress(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  const v4 = parseIpv4(h);
  if (v4) return isLinkLocalIpv4(v4);
  const v6 = parseIpv6(h);
  if (!v6) return false;
  if ((v6[0]! & 0xffc0) === 0xfe80) return true;
  const embedded = embeddedIpv4(v6);
  return embedded !== undefined && isLinkLocalIpv4(embedded);
}

function isLinkLocalIpv4(a: number[]): boolean {
  return a[0] === 169 && a[1] === 254;
}

function parseIpv4(s: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** Eight 16-bit groups, or undefined when `s` is not an IPv6 address (a zone such as %eth0 is ignored). */
function parseIpv6(s: string): number[] | undefined {
  let text = s.replace(/%.*$/, '');
  if (!text.includes(':')) return undefined;
  // A dotted IPv4 tail stands for the last two groups.
  const tail = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (tail) {
    const v4 = parseIpv4(tail[2]!);
    if (!v4) return undefined;
    text = `${tail[1]}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return all.map((g) => parseInt(g, 16));
}

/** The IPv4 address an IPv6 address carries in its last 32 bits, for the prefixes that mean "this is IPv4". */
function embeddedIpv4(g: number[]): number[] | undefined {
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const mapped = zero(0, 5) && g[5] === 0xffff;
  const translated = zero(0, 4) && g[4] === 0xffff && g[5] === 0;
  const compatible = zero(0, 6);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6);
  if (!mapped && !translated && !compatible && !nat64) return undefined;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];
}
