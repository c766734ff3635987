// Open-addressing hash of n-gram keys in typed arrays: compact, and one probe sequence per look-up.
// A bigram of vocabulary ids (each < 2^16 - 1) packs into one 32-bit key; 0 marks an empty slot.

export const ID_BITS = 65536;

/** Key of the bigram (u, v); a trigram (u v w) is key2(u, v) * 2^16 + w, one less, plus one. */
export const key2 = (u: number, v: number): number => u * ID_BITS + v + 1;

/** A key's home slot in a table of `capacity` slots (any size: the 32-bit hash is scaled, not masked). */
function slotOf(key: number, capacity: number): number {
  let h = Math.imul(key, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return Math.floor(((h ^ (h >>> 16)) >>> 0) * (capacity / 4294967296));
}

/** Slots for n keys: filled to about 60%, so a look-up of a missing key probes a few slots only. */
export function capacityFor(n: number): number {
  return Math.ceil(n * 1.6) + 1;
}

/** Places keys; returns the table and, for each input index, its slot. */
export function buildTable(keys: ArrayLike<number>): { table: Uint32Array; slots: Uint32Array } {
  const table = new Uint32Array(capacityFor(keys.length));
  const capacity = table.length;
  const slots = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    let s = slotOf(keys[i]!, capacity);
    while (table[s] !== 0) s = s + 1 === capacity ? 0 : s + 1;
    table[s] = keys[i]!;
    slots[i] = s;
  }
  return { table, slots };
}

/** Slot of key, or -1. */
export function findSlot(table: Uint32Array, key: number): number {
  const capacity = table.length;
  let s = slotOf(key, capacity);
  for (;;) {
    const k = table[s]!;
    if (k === key) return s;
    if (k === 0) return -1;
    s = s + 1 === capacity ? 0 : s + 1;
  }
}

/** Index of key in an ascending array, -1 when absent. */
export function searchSorted(sorted: ArrayLike<number>, key: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = sorted[mid]!;
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}
