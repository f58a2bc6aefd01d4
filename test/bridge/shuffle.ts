// Reorders an ApiSurface document for determinism tests.

/** A deterministic shuffle (xorshift) of every order-free array of the surface document. */
export function shuffled(json: string, seed: number): string {
  let s = seed;
  const rand = (n: number): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return Math.abs(s) % n;
  };
  const mix = <T>(xs: T[] | undefined): void => {
    if (xs === undefined) return;
    for (let i = xs.length - 1; i > 0; i--) {
      const j = rand(i + 1);
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
  };
  const doc = JSON.parse(json);
  mix(doc.packages);
  for (const p of doc.packages) {
    for (const k of ["funcs", "types", "consts", "vars", "skipped", "files"]) mix(p[k]);
    for (const t of p.types ?? []) for (const k of ["methods", "interface_methods", "embedded_types"]) mix(t[k]);
  }
  return JSON.stringify(doc);
}
