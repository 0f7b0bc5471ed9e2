/** Deterministic mutations of protobuf bytes for the decoder fuzz test. */

export type Mutation = 'bit-flips' | 'truncate' | 'length-lie' | 'random-bytes' | 'splice' | 'byte-set' | 'duplicate-field';

type Rng = () => number;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

function readVarint(buf: Uint8Array, pos: number): { value: number; next: number } | null {
  let value = 0;
  let shift = 0;
  for (let i = pos; i < buf.length && i < pos + 10; i++) {
    const b = buf[i] ?? 0;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if ((b & 0x80) === 0) return { value, next: i + 1 };
  }
  return null;
}

/**
 * Positions of the single-byte length prefixes of every length-delimited field, found by walking
 * the wire format and descending into any field whose content parses as a message.
 */
export function lengthPositions(buf: Uint8Array, start = 0, end = buf.length, depth = 0): number[] {
  const out: number[] = [];
  let pos = start;
  while (pos < end) {
    const tag = readVarint(buf, pos);
    if (!tag || tag.next > end) return out;
    pos = tag.next;
    const wireType = tag.value % 8;
    if (wireType === 0) {
      const v = readVarint(buf, pos);
      if (!v) return out;
      pos = v.next;
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else if (wireType === 2) {
      const len = readVarint(buf, pos);
      if (!len || len.next + len.value > end) return out;
      if (len.next === pos + 1) out.push(pos);
      if (depth < 12) out.push(...lengthPositions(buf, len.next, len.next + len.value, depth + 1));
      pos = len.next + len.value;
    } else return out;
  }
  return out;
}

export function mutate(input: Uint8Array, kind: Mutation, rng: Rng): Uint8Array {
  const buf = Uint8Array.from(input);
  switch (kind) {
    case 'bit-flips': {
      const flips = 1 + int(rng, 8);
      for (let i = 0; i < flips && buf.length > 0; i++) {
        const at = int(rng, buf.length);
        buf[at] = (buf[at] ?? 0) ^ (1 << int(rng, 8));
      }
      return buf;
    }
    case 'truncate':
      return buf.subarray(0, int(rng, buf.length));
    case 'length-lie': {
      const positions = lengthPositions(buf);
      if (positions.length === 0) return buf;
      const at = positions[int(rng, positions.length)] ?? 0;
      const old = buf[at] ?? 0;
      // Shorter, longer, zero, or a multi-byte varint that claims gigabytes.
      const choice = int(rng, 4);
      if (choice === 3) return Uint8Array.from([...buf.subarray(0, at), 0xff, 0xff, 0xff, 0xff, 0x0f, ...buf.subarray(at + 1)]);
      buf[at] = choice === 0 ? Math.max(0, old - 1 - int(rng, 8)) : choice === 1 ? Math.min(127, old + 1 + int(rng, 16)) : 0;
      return buf;
    }
    case 'random-bytes': {
      const out = new Uint8Array(int(rng, 300));
      for (let i = 0; i < out.length; i++) out[i] = int(rng, 256);
      return out;
    }
    case 'splice': {
      const from = int(rng, buf.length + 1);
      const cut = int(rng, 16);
      const insert = Array.from({ length: int(rng, 16) }, () => int(rng, 256));
      return Uint8Array.from([...buf.subarray(0, from), ...insert, ...buf.subarray(Math.min(buf.length, from + cut))]);
    }
    case 'byte-set': {
      if (buf.length > 0) buf[int(rng, buf.length)] = [0x00, 0x7f, 0x80, 0xff, int(rng, 256)][int(rng, 5)] ?? 0;
      return buf;
    }
    case 'duplicate-field': {
      const a = int(rng, buf.length + 1);
      const b = Math.min(buf.length, a + int(rng, 40));
      return Uint8Array.from([...buf, ...buf.subarray(a, b)]);
    }
  }
}
