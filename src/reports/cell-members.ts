/**
 * The members of a kept run's count cells, stored compactly. A run numbers the enrollments behind its counts once
 * (report_run_enrollments: ordinal → enrollment id, in enrollment id order), and each cell keeps its members as
 * ascending ordinals in a short text: runs of consecutive ordinals as (gap, length) pairs of unsigned LEB128
 * varints, or a bitset from the first ordinal when that is shorter, base64url-encoded with a one-letter tag.
 * A whole-universe cell ("Total") is then a few bytes, and a scattered one about a byte per member, where the ids
 * as JSON took some 40 bytes each (a 20,000-client APR's stored run: about 75 MB as JSON id lists, 3.9 MB so; bench:reports).
 *
 * Decoding is only needed for a drill-down: the run page shows values, and only asks whether a cell is a count.
 */

const RANGES = 'r';
const BITSET = 'b';

/** Encodes strictly ascending non-negative integer ordinals. */
export function encodeMembers(ordinals: readonly number[]): string {
  for (let i = 0; i < ordinals.length; i++) {
    const o = ordinals[i]!;
    if (!Number.isSafeInteger(o) || o < 0 || (i > 0 && o <= ordinals[i - 1]!)) throw new RangeError('cell members must be ascending non-negative integers');
  }
  const ranges = encodeRanges(ordinals);
  // A bitset is built only when it would be shorter: a few scattered large ordinals would make it huge.
  const bitsetBytes = ordinals.length === 0 ? Infinity : Math.ceil((ordinals.at(-1)! - ordinals[0]! + 1) / 8) + 8;
  return bitsetBytes < ranges.length ? BITSET + toBase64Url(encodeBitset(ordinals)) : RANGES + toBase64Url(ranges);
}

/** The ordinals an encodeMembers text holds, ascending; throws RangeError on a text it did not write. */
export function decodeMembers(text: string): number[] {
  const tag = text.slice(0, 1);
  const bytes = Buffer.from(text.slice(1), 'base64url');
  if (tag === RANGES) return decodeRanges(bytes);
  if (tag === BITSET) return decodeBitset(bytes);
  throw new RangeError('not an encoding of cell members');
}

function encodeRanges(ordinals: readonly number[]): Uint8Array {
  const out: number[] = [];
  let next = 0; // the first ordinal after the previous run
  let i = 0;
  while (i < ordinals.length) {
    const start = ordinals[i]!;
    let end = i;
    while (end + 1 < ordinals.length && ordinals[end + 1] === ordinals[end]! + 1) end++;
    writeVarint(out, start - next);
    writeVarint(out, end - i + 1);
    next = ordinals[end]! + 1;
    i = end + 1;
  }
  return Uint8Array.from(out);
}

function decodeRanges(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const at = { offset: 0 };
  let next = 0;
  while (at.offset < bytes.length) {
    const start = next + readVarint(bytes, at);
    const length = readVarint(bytes, at);
    if (length === 0) throw new RangeError('not an encoding of cell members');
    for (let k = 0; k < length; k++) out.push(start + k);
    next = start + length;
  }
  return out;
}

/** The first ordinal as a varint, then one bit per ordinal from it (least significant bit first). */
function encodeBitset(ordinals: readonly number[]): Uint8Array {
  const head: number[] = [];
  const first = ordinals[0]!;
  writeVarint(head, first);
  const span = ordinals.at(-1)! - first + 1;
  const out = new Uint8Array(head.length + Math.ceil(span / 8));
  out.set(head);
  for (const o of ordinals) {
    const bit = o - first;
    out[head.length + (bit >> 3)]! |= 1 << (bit & 7);
  }
  return out;
}

function decodeBitset(bytes: Uint8Array): number[] {
  const at = { offset: 0 };
  const first = readVarint(bytes, at);
  const out: number[] = [];
  for (let i = at.offset; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0) continue;
    for (let b = 0; b < 8; b++) if (byte & (1 << b)) out.push(first + (i - at.offset) * 8 + b);
  }
  return out;
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function readVarint(bytes: Uint8Array, at: { offset: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (at.offset >= bytes.length || scale > 2 ** 49) throw new RangeError('not an encoding of cell members');
    const byte = bytes[at.offset++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 0x80;
  }
}

function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}
