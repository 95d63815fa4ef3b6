// The shape of a benchmark case: the app's side (through core.dispatch) and its baseline (the raw
// libraries doing the same job without the app), each run in a child process of its own so that
// each has an honest peak RSS, and how their samples become rows of the table.
import type { BenchFiles } from '../../tests/helpers/bench-files.ts'
import { summarize, type Summary } from '../../tests/helpers/stats.ts'

/** Named series of samples in ms: one value per run (a whole call, or a percentile of one run). */
export type Samples = Record<string, number[]>

export interface Side {
  /** Runs `runs` times after any warm-up the case wants; returns the samples. */
  run: (files: BenchFiles, runs: number) => Promise<Samples>
}

export interface Measured {
  samples: Samples
  /** Peak resident set size of the child process, in MB. */
  peakRssMb: number
}

export interface Target {
  /** As printed: '< 3 s', '≥ 1/3 van de snelheid'. */
  text: string
  met: boolean
}

export interface Row {
  case: string
  label: string
  app: Summary
  baseline?: { label: string; value: Summary }
  /** app median / baseline median: how many times as long as the libraries alone. */
  ratio?: number
  targets: Target[]
  rssMb: { app: number; baseline?: number }
}

export interface BenchCase {
  id: string
  /** Dutch, for the table. */
  title: string
  /** Runs per side in all; split over the child processes of that side. */
  runs: number
  /** Every sample in a fresh process (cold start, import): a child per run, no warm-up in between. */
  fresh?: boolean
  app: Side
  baseline: Side
  rows: (app: Measured, baseline: Measured) => Row[]
}

/** One named series of a side's samples, summarised, with the side's peak RSS: what row() takes. */
export const series = (m: Measured, key: string) => ({ value: summarize(m.samples[key] ?? []), rss: m.peakRssMb })

/** The baseline's series, with what the baseline is. */
export const baselineSeries = (m: Measured, key: string, label: string) => ({ label, ...series(m, key) })

/** A row from two series, with the ratio of the medians and the targets checked on the median. */
export function row(
  c: Pick<BenchCase, 'id'>,
  label: string,
  app: { value: Summary; rss: number },
  baseline: { label: string; value: Summary; rss: number } | undefined,
  targets: (median: number, ratio: number | undefined) => Target[],
): Row {
  const ratio = baseline ? app.value.median / baseline.value.median : undefined
  return {
    case: c.id,
    label,
    app: app.value,
    ...(baseline ? { baseline: { label: baseline.label, value: baseline.value }, ratio } : {}),
    targets: targets(app.value.median, ratio),
    rssMb: baseline ? { app: app.rss, baseline: baseline.rss } : { app: app.rss },
  }
}

export const under = (limitMs: number, median: number): Target => ({
  text: limitMs >= 1000 ? `< ${limitMs / 1000} s` : `< ${limitMs} ms`,
  met: median < limitMs,
})

/** At no less than 1/n of the rate of the baseline: at most n times as long. */
export const rateAtLeast = (n: number, ratio: number | undefined): Target => ({
  text: `≥ 1/${n} van de snelheid (≤ ${n}×)`,
  met: ratio !== undefined && ratio <= n,
})
