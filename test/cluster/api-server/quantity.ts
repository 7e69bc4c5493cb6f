// Canonical form of resource quantities, as the API server re-serializes them ("0.5" → "500m", "1024Mi" → "1Gi").
const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

export function canonicalQuantity(value: string | number): string {
  const text = String(value).trim();
  const m = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(text);
  if (!m || m[1] === undefined) return text;
  const num = Number(m[1]);
  const suffix = m[2] ?? '';
  if (!Number.isFinite(num)) return text;
  if (suffix in BINARY) {
    const bytes = num * 1024 ** (BINARY[suffix] ?? 0);
    if (Number.isInteger(bytes)) {
      let power = 0;
      let v = bytes;
      while (v !== 0 && v % 1024 === 0 && power < 6) {
        v /= 1024;
        power++;
      }
      if (power > 0 || bytes < 1024) return `${v}${BINARY_SUFFIX[power]}`;
      return decimalForm(bytes, 0);
    }
    return decimalForm(bytes, 0);
  }
  if (/^[eE]/.test(suffix)) return text;
  return decimalForm(num, DECIMAL[suffix] ?? 0);
}

function decimalForm(num: number, exponent: number): string {
  // Work in nano units to stay exact for the values manifests use.
  let nanos = Math.round(num * 10 ** (exponent + 9));
  if (nanos === 0) return '0';
  let exp = -9;
  while (nanos % 1000 === 0 && exp < 18) {
    nanos /= 1000;
    exp += 3;
  }
  return `${nanos}${DECIMAL_SUFFIX[exp] ?? ''}`;
}
