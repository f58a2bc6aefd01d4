// Linear-memory management for the kernels, written against the component
// model's canonical ABI instead of AssemblyScript's managed runtime: nothing
// here allocates managed objects, so the module needs no runtime imports.
//
// Layout above __heap_base:
//   [hasher slots, bump-allocated, recycled through a free list][arena]
// The arena holds the lists the host lowers into memory (through
// cabi_realloc) for the duration of one call; every export that takes lists
// calls `resetArena()` before returning. Slots are only allocated by the
// hasher constructor, which takes no lists, so the arena is empty whenever
// the slot area grows and it can always start where the slots end.

/** Size of one hasher slot; the BLAKE3 state (1856 bytes) is the largest. */
export const SLOT_SIZE: usize = 2048;
const FREE_TAG: u32 = 0xdead;

let slotTop: usize = (__heap_base + 15) & ~15;
let arenaTop: usize = slotTop;
let freeSlots: usize = 0;

function ensureMemory(end: usize): void {
  const have = (<usize>memory.size()) << 16;
  if (end <= have) return;
  const pages = <i32>((end - have + 0xffff) >> 16);
  if (memory.grow(pages) < 0) unreachable();
}

export function allocSlot(): usize {
  if (freeSlots != 0) {
    const slot = freeSlots;
    freeSlots = load<u32>(slot, 4);
    return slot;
  }
  const slot = slotTop;
  slotTop += SLOT_SIZE;
  ensureMemory(slotTop);
  arenaTop = slotTop;
  return slot;
}

export function freeSlot(slot: usize): void {
  store<u32>(slot, FREE_TAG);
  store<u32>(slot, <u32>freeSlots, 4);
  freeSlots = slot;
}

export function resetArena(): void {
  arenaTop = slotTop;
}

/** The canonical ABI allocator: the host copies list arguments through it. */
export function cabiRealloc(oldPtr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  if (oldPtr != 0 && newSize <= oldSize) return oldPtr;
  const a = align < 1 ? 1 : align;
  const ptr = (arenaTop + a - 1) & ~(a - 1);
  const end = ptr + newSize;
  ensureMemory(end);
  arenaTop = end;
  if (oldPtr != 0) memory.copy(ptr, oldPtr, oldSize);
  return ptr;
}

/** Return area for results that do not fit in one flat value (at most 12 bytes). */
export const RET: usize = memory.data(16, 8);
/** Digest output; the host copies it out before the next call. */
export const OUT: usize = memory.data(32, 8);
