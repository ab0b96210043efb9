/** Kubernetes resource.Quantity values for the CEL quantity library: parsed exactly, as nano-units in a bigint. */
import { QUANTITY_PATTERN } from '../quantity.js';

const QUANTITY = new RegExp(QUANTITY_PATTERN);
const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO_DIGITS = 9;

export class Quantity {
  /** The value in units of 10^-9, rounded up like Kubernetes rounds below its smallest scale. */
  constructor(readonly nanos: bigint) {}

  static parse(text: string): Quantity {
    if (!QUANTITY.test(text)) throw new Error(`invalid quantity: ${JSON.stringify(text)}`);
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(text)!;
    const [, sign, whole, fraction = '', suffix] = m;
    let exponent = 0;
    let binary = 0;
    if (suffix! in BINARY_SUFFIX) binary = BINARY_SUFFIX[suffix!]!;
    else if (suffix! in DECIMAL_SUFFIX) exponent = DECIMAL_SUFFIX[suffix!]!;
    else exponent = Number(suffix!.slice(1));
    // digits * 10^(exponent - fraction.length) * 2^binary, in nanos.
    let value = BigInt(`${whole}${fraction}` || '0') * 2n ** BigInt(binary);
    const scale = exponent - fraction.length + NANO_DIGITS;
    if (scale >= 0) value *= 10n ** BigInt(scale);
    else {
      const divisor = 10n ** BigInt(-scale);
      value = value / divisor + (value % divisor === 0n ? 0n : 1n);
    }
    return new Quantity(sign === '-' ? -value : value);
  }

  static isValid(text: string): boolean {
    try {
      Quantity.parse(text);
      return true;
    } catch {
      return false;
    }
  }

  compareTo(other: Quantity): bigint {
    return this.nanos < other.nanos ? -1n : this.nanos > other.nanos ? 1n : 0n;
  }

  sign(): bigint {
    return this.nanos < 0n ? -1n : this.nanos > 0n ? 1n : 0n;
  }

  isInteger(): boolean {
    return this.nanos % 10n ** BigInt(NANO_DIGITS) === 0n;
  }

  asInteger(): bigint {
    if (!this.isInteger()) throw new Error('quantity is not an integer');
    return this.nanos / 10n ** BigInt(NANO_DIGITS);
  }

  asApproximateFloat(): number {
    return Number(this.nanos) / 10 ** NANO_DIGITS;
  }
}
