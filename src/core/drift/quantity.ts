// Kubernetes resource quantities (`500m`, `1Gi`, `1e3`, `0.5`) compared by value, not spelling: the API
// server canonicalizes them (`1000m` comes back as `1`), so a textual compare would report false drift.

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

/** An exact rational value: numerator / denominator (denominator > 0). */
export interface QuantityValue {
  readonly num: bigint;
  readonly den: bigint;
}

export function parseQuantity(input: string | number): QuantityValue | undefined {
  const text = typeof input === 'number' ? numberText(input) : input.trim();
  if (text === undefined) return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits = '', suffix, exponent] = m;
  const [intPart = '', fracPart = ''] = digits.split('.');
  let num = BigInt((intPart || '0') + fracPart);
  let den = 10n ** BigInt(fracPart.length);
  if (suffix && suffix in BINARY) num *= BINARY[suffix] as bigint;
  else {
    const e = exponent !== undefined ? Number(exponent) : DECIMAL[suffix ?? ''] ?? 0;
    if (Math.abs(e) > 64) return undefined;
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
  }
  if (sign === '-') num = -num;
  return { num, den };
}

function numberText(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  // Exponent notation from String() ("1e+21") is also a valid quantity spelling once the '+' is dropped.
  return String(n).replace('e+', 'e');
}

export function quantitiesEqual(a: string | number, b: string | number): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  if (!x || !y) return false;
  return x.num * y.den === y.num * x.den;
}
