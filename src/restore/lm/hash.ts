// Open-addressing hash of n-gram keys in typed arrays: compact, and one probe sequence per look-up.
// An n-gram of vocabulary ids (each < 2^16) packs into one float64-exact integer; 0 marks an empty slot.
// Bigram keys fit 32 bits (the vocabulary stays under 2^16 - 1), so the bigram table is a Uint32Array.

export const ID_BITS = 65536;

export function packKey(ids: readonly number[]): number {
  let key = 0;
  for (const id of ids) key = key * ID_BITS + id;
  return key + 1;
}

/** packKey for two ids without building an array (the decoder's hot loop). */
export const key2 = (u: number, v: number): number => u * ID_BITS + v + 1;

function slotOf(key: number, mask: number): number {
  const lo = key >>> 0;
  // Bigram keys fit in 32 bits: no division for them.
  const hi = key < 4294967296 ? 0 : (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

export function capacityFor(n: number): number {
  let cap = 1;
  while (cap < n * 1.5 + 1) cap *= 2;
  return cap;
}

/** Places keys; returns the table and, for each input index, its slot. */
export function buildTable(keys: ArrayLike<number>): { table: Uint32Array; slots: Uint32Array } {
  const table = new Uint32Array(capacityFor(keys.length));
  const mask = table.length - 1;
  const slots = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    let s = slotOf(keys[i]!, mask);
    while (table[s] !== 0) s = (s + 1) & mask;
    table[s] = keys[i]!;
    slots[i] = s;
  }
  return { table, slots };
}

/** Slot of key, or -1. */
export function findSlot(table: Uint32Array, key: number): number {
  const mask = table.length - 1;
  let s = slotOf(key, mask);
  for (;;) {
    const k = table[s]!;
    if (k === key) return s;
    if (k === 0) return -1;
    s = (s + 1) & mask;
  }
}
