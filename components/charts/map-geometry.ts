// Where the consensus map draws things: its frame, the scales from support share to position,
// the size of a point, and the spreading of points that would cover each other. Pure, shared by
// the chart and its key.
import type { MapPoint } from "@/lib/core/consensus-map";

export const W = 560;
export const H = 480;
export const M = { left: 58, right: 14, top: 14, bottom: 52 };
// Inside the axes, so points at 0% or 100% are drawn whole.
const PAD = 26;
const X0 = M.left + PAD;
const X1 = W - M.right - PAD;
const Y0 = H - M.bottom - PAD;
const Y1 = M.top + PAD;
export const sx = (v: number) => X0 + v * (X1 - X0);
export const sy = (v: number) => Y0 - v * (Y0 - Y1);

/** Radius from the number of positions, on a fixed scale so points do not rescale as others grow. */
export const radiusFor = (positions: number) => Math.min(22, 7 + 2.6 * Math.sqrt(positions));
export const RING = 5;

export type Placed = { point: MapPoint; index: number; r: number; tx: number; ty: number; x: number; y: number };

/**
 * Spreads points that would cover each other (several measures often share a corner: 100% in
 * both camps) by pushing overlapping pairs apart, deterministically so the server and the browser
 * draw the same map. Each moved point keeps a leader line to its true place.
 */
export function layout(points: MapPoint[]): Placed[] {
  const placed = points.map((point, index) => {
    const r = radiusFor(point.positions);
    const tx = sx(point.internetFreedom);
    const ty = sy(point.cyberSovereignty);
    return { point, index, r, tx, ty, x: tx, y: ty };
  });
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let round = 0; round < 80; round++) {
    let moved = false;
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!;
        const b = placed[j]!;
        const need = a.r + b.r + 2 * RING + 3;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        if (d >= need) continue;
        if (d < 0.01) {
          const angle = j * golden;
          [dx, dy, d] = [Math.cos(angle), Math.sin(angle), 1];
        }
        const push = (need - d) / 2;
        a.x -= (dx / d) * push;
        a.y -= (dy / d) * push;
        b.x += (dx / d) * push;
        b.y += (dy / d) * push;
        moved = true;
      }
    }
    for (const p of placed) {
      p.x = Math.min(W - M.right - p.r - RING, Math.max(M.left + p.r + RING, p.x));
      p.y = Math.min(H - M.bottom - p.r - RING, Math.max(M.top + p.r + RING, p.y));
    }
    if (!moved) break;
  }
  return placed;
}
