// Protocol buffers wire format: enough to read the messages kubectl's typed clients send
// (Content-Type: application/vnd.kubernetes.protobuf) — varints, length-delimited fields, fixed widths.
export interface WireField {
  field: number;
  wireType: number;
  /** varint (as a number), or the bytes of a length-delimited field. */
  value: number | Uint8Array;
}

export function readVarint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new Error('truncated varint');
    const b = buf[pos++] as number;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

export function readFields(buf: Uint8Array): WireField[] {
  const out: WireField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, next] = readVarint(buf, pos);
    pos = next;
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) {
      const [v, p] = readVarint(buf, pos);
      pos = p;
      out.push({ field, wireType, value: v });
    } else if (wireType === 2) {
      const [len, p] = readVarint(buf, pos);
      out.push({ field, wireType, value: buf.subarray(p, p + len) });
      pos = p + len;
    } else if (wireType === 1) {
      out.push({ field, wireType, value: buf.subarray(pos, pos + 8) });
      pos += 8;
    } else if (wireType === 5) {
      out.push({ field, wireType, value: buf.subarray(pos, pos + 4) });
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
  }
  return out;
}

/** Two's complement for negative int32/int64 values encoded as 10-byte varints. */
export function toSigned(v: number): number {
  return v >= 2 ** 63 ? v - 2 ** 64 : v;
}
