import type { Rng } from '../../rng';

/**
 * Random id text from the world's Rng, built with `join` so each id is one flat string.
 * Building ids a character at a time (`s += c`) leaves V8 cons-string chains of ~30 bytes per
 * character, which tripled the memory of a 5,000-service scenario.
 */

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);

export function randomHex(rng: Rng, length: number): string {
  const parts: string[] = [];
  // one draw gives 32 bits = 8 hex digits; a byte table avoids slow double-to-radix printing
  for (let n = 0; n < length; n += 8) {
    const u = (rng.next() * 0x100000000) >>> 0;
    parts.push(
      BYTE_HEX[u >>> 24]!,
      BYTE_HEX[(u >>> 16) & 0xff]!,
      BYTE_HEX[(u >>> 8) & 0xff]!,
      BYTE_HEX[u & 0xff]!,
    );
  }
  const s = parts.join('');
  return s.length === length ? s : s.slice(0, length);
}

/** `length` decimal digits, the first one non-zero (deployment and revision ids). */
export function randomDigits(rng: Rng, length: number): string {
  const parts: string[] = [String(1 + Math.floor(rng.next() * 9))];
  for (let n = 1; n < length; n += 9) {
    parts.push(
      Math.floor(rng.next() * 1e9)
        .toString()
        .padStart(9, '0'),
    );
  }
  const s = parts.join('');
  return s.length === length ? s : s.slice(0, length);
}

export function randomFrom(rng: Rng, length: number, alphabet: string): string {
  const chars = new Array<string>(length);
  for (let i = 0; i < length; i++) chars[i] = alphabet[Math.floor(rng.next() * alphabet.length)]!;
  return chars.join('');
}

export function randomUuid(rng: Rng): string {
  const h = randomHex(rng, 32);
  return [
    h.slice(0, 8),
    h.slice(8, 12),
    `4${h.slice(13, 16)}`,
    `a${h.slice(17, 20)}`,
    h.slice(20, 32),
  ].join('-');
}

/** Joins parts into one flat string (ARNs are kept by the thousand). */
export function flat(...parts: string[]): string {
  return parts.join('');
}
