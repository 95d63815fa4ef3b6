// Small statistics for the benchmark (scripts/bench) and the timing tests: samples in milliseconds.

/** The value at fraction q (0..1) of the sorted samples, nearest rank. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank] as number
}

export const median = (samples: readonly number[]): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export const min = (samples: readonly number[]): number => (samples.length === 0 ? Number.NaN : Math.min(...samples))

export interface Summary {
  min: number
  median: number
  runs: number
}

export const summarize = (samples: readonly number[]): Summary => ({ min: min(samples), median: median(samples), runs: samples.length })

/** Milliseconds one call of fn takes. */
export async function time(fn: () => unknown): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

/** fn once to warm up (unless warmUp is false), then `runs` timed calls: the samples in ms. */
export async function repeat(runs: number, fn: () => unknown, warmUp = true): Promise<number[]> {
  if (warmUp) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) samples.push(await time(fn))
  return samples
}

/** The fastest of `runs` calls, in ms (no warm-up). */
export async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  return min(await repeat(runs, fn, false))
}
