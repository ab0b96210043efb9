/** IP addresses and CIDR prefixes for the Kubernetes CEL ip/cidr library (as the API server parses them: no zones, no IPv4-mapped IPv6). */
import net from 'node:net';

export class IPAddress {
  constructor(
    readonly family: 4 | 6,
    /** The address as a 32- or 128-bit number. */
    readonly bits: bigint,
  ) {}

  static parse(text: string): IPAddress {
    const family = net.isIP(text);
    if (family === 4) return new IPAddress(4, text.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n));
    if (family === 6 && !text.includes('%') && !/^::ffff:\d/i.test(text)) return new IPAddress(6, ipv6Bits(text));
    throw new Error(`invalid IP address: ${JSON.stringify(text)}`);
  }

  get width(): number {
    return this.family === 4 ? 32 : 128;
  }

  isUnspecified(): boolean {
    return this.bits === 0n;
  }

  isLoopback(): boolean {
    return this.family === 4 ? this.bits >> 24n === 127n : this.bits === 1n;
  }

  isLinkLocalMulticast(): boolean {
    return this.family === 4 ? this.bits >> 8n === 0xe00000n : this.bits >> 112n === 0xff02n;
  }

  isLinkLocalUnicast(): boolean {
    return this.family === 4 ? this.bits >> 16n === 0xa9fen : this.bits >> 118n === 0x3fan;
  }

  isGlobalUnicast(): boolean {
    if (this.family === 4) return !(this.isUnspecified() || this.isLoopback() || this.isLinkLocalUnicast() || this.bits >> 28n === 0xen || this.bits === 0xffffffffn);
    return !(this.isUnspecified() || this.isLoopback() || this.isLinkLocalUnicast() || this.bits >> 120n === 0xffn);
  }

  toString(): string {
    if (this.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((this.bits >> s) & 0xffn)).join('.');
    const groups = Array.from({ length: 8 }, (_, i) => ((this.bits >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
    // Shorten the longest run of zero groups (RFC 5952) with the URL parser, which does exactly that.
    return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1);
  }
}

export class CIDR {
  constructor(
    readonly address: IPAddress,
    readonly prefixLength: number,
  ) {}

  static parse(text: string): CIDR {
    const slash = text.indexOf('/');
    const length = text.slice(slash + 1);
    const address = IPAddress.parse(slash < 0 ? '' : text.slice(0, slash));
    if (!/^\d{1,3}$/.test(length) || Number(length) > address.width) throw new Error(`invalid CIDR: ${JSON.stringify(text)}`);
    return new CIDR(address, Number(length));
  }

  containsIP(ip: IPAddress): boolean {
    return ip.family === this.address.family && this.mask(ip.bits) === this.mask(this.address.bits);
  }

  containsCIDR(other: CIDR): boolean {
    return other.prefixLength >= this.prefixLength && this.containsIP(other.address);
  }

  masked(): CIDR {
    return new CIDR(new IPAddress(this.address.family, this.mask(this.address.bits)), this.prefixLength);
  }

  toString(): string {
    return `${this.address.toString()}/${this.prefixLength}`;
  }

  private mask(bits: bigint): bigint {
    const host = BigInt(this.address.width - this.prefixLength);
    return (bits >> host) << host;
  }
}

function ipv6Bits(text: string): bigint {
  // Expand an embedded IPv4 tail into two groups, then the `::`.
  const withV4 = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) =>
    [((Number(a) << 8) | Number(b)).toString(16), ((Number(c) << 8) | Number(d)).toString(16)].join(':'),
  );
  const [head = '', tail] = withV4.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((n, g) => (n << 16n) | BigInt(`0x${g}`), 0n);
}
