// Latency bookkeeping for the benchmark: a fixed-size histogram (10 µs buckets up to 5 s, exact
// values beyond) so that millions of deliveries cost constant memory and O(1) per sample.
// Also the small number helpers the harness shares (rounding, quantiles, seconds, KB and MB).
import { performance } from "node:perf_hooks";

const BUCKET_MS = 0.01;
const BUCKETS = 500_000; // 5 s

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export class Histogram {
  private counts = new Uint32Array(BUCKETS);
  private overflow: number[] = [];
  count = 0;
  max = 0;
  private sum = 0;

  add(ms: number) {
    const v = ms < 0 ? 0 : ms;
    const bucket = Math.floor(v / BUCKET_MS);
    if (bucket < BUCKETS) this.counts[bucket]! += 1;
    else this.overflow.push(v);
    this.count += 1;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  merge(other: Histogram) {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.overflow.push(...other.overflow);
    this.count += other.count;
    this.sum += other.sum;
    this.max = Math.max(this.max, other.max);
  }

  /** The value at quantile q (0..1), to the bucket's upper edge. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min((i + 1) * BUCKET_MS, this.max);
    }
    const sorted = [...this.overflow].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, rank - seen - 1)] ?? this.max;
  }

  summary(): Summary {
    return {
      count: this.count,
      p50: round(this.quantile(0.5)),
      p95: round(this.quantile(0.95)),
      p99: round(this.quantile(0.99)),
      max: round(this.max),
      mean: round(this.count ? this.sum / this.count : NaN),
    };
  }
}

export function round(n: number, digits = 2) {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** p-quantile of a small array of numbers (page timings). */
export function quantileOf(values: number[], q: number) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Seconds since `t` (a performance.now() reading), for the log. */
export const elapsed = (t: number) => `${round((performance.now() - t) / 1000, 1)} s`;

export const mb = (k: number) => round(k / 1024, 0);
export const kb = (b: number) => round(b / 1024, 1);
