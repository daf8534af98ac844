// Synthetic bars for the benchmark: a seeded random walk, so every run measures the same series.

import type { Bar } from "../src/types";

/** Small fast PRNG (mulberry32): deterministic for a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` daily-like bars: closes from a random walk with 1% steps, times as epoch seconds. */
export function randomWalkBars(count: number, seed = 42): Bar[] {
  const random = seededRandom(seed);
  const bars: Bar[] = new Array(count);
  let close = 100;
  for (let i = 0; i < count; i++) {
    close *= 1 + (random() - 0.5) * 0.02;
    bars[i] = { time: String(1_000_000_000 + i * 60), close, volume: 1000 + Math.floor(random() * 1000) };
  }
  return bars;
}
