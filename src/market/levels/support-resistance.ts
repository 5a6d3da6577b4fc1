import type { SwingPoint } from './swings.js';

export interface SwingCluster {
  /** Mean price of the swing points in the cluster. */
  price: number;
  touches: number;
  lastTouchTs: number;
  lastTouchIndex: number;
  /** 0-100: grows with touches, each touch discounted by its age. */
  strength: number;
}

/**
 * Groups swing prices that lie within `tolerance` of a cluster's running mean (single pass over
 * the sorted prices, so the result does not depend on the order the swings came in).
 *
 * Strength: each touch weighs 0.5^(age / halfLife) bars, and 100 * (1 - e^(-sum / 2)) maps the
 * weighted count onto 0-100 with diminishing returns (one fresh touch ~39, two ~63, three ~78,
 * five ~92), so it is comparable across symbols and snapshots rather than relative to its peers.
 */
export function clusterSwings(
  swings: readonly SwingPoint[],
  tolerance: number,
  asOfIndex: number,
  halfLife: number,
): SwingCluster[] {
  const sorted = [...swings].sort((a, b) => a.price - b.price || a.index - b.index);
  const groups: SwingPoint[][] = [];
  let current: SwingPoint[] = [];
  let sum = 0;
  for (const swing of sorted) {
    if (current.length > 0 && swing.price - sum / current.length > tolerance) {
      groups.push(current);
      current = [];
      sum = 0;
    }
    current.push(swing);
    sum += swing.price;
  }
  if (current.length > 0) groups.push(current);

  return groups.map((members) => {
    let weighted = 0;
    let last = members[0];
    let total = 0;
    for (const m of members) {
      total += m.price;
      weighted += 0.5 ** (Math.max(0, asOfIndex - m.index) / halfLife);
      if (!last || m.index > last.index) last = m;
    }
    return {
      price: total / members.length,
      touches: members.length,
      lastTouchTs: last?.ts ?? 0,
      lastTouchIndex: last?.index ?? 0,
      strength: Math.round(100 * (1 - Math.exp(-weighted / 2))),
    };
  });
}
