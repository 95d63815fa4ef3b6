// The benchmark's table: per case its rows, each figure with its baseline, ratio, target and peak RSS.
import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import type { Row } from './types.ts'

export interface Machine {
  cpu: string
  cores: number
  memoryGb: number
  os: string
  node: string
  date: string
  /** 1, 5 and 15 minute load averages: other work on the machine slows the figures. */
  load: number[]
}

export function machine(): Machine {
  const list = cpus()
  return {
    cpu: list[0]?.model.trim() ?? 'onbekend',
    cores: list.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
    load: loadavg().map((l) => Math.round(l * 100) / 100),
  }
}

export function ms(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '-'
  if (v >= 1000) return `${(v / 1000).toFixed(2).replace('.', ',')} s`
  if (v >= 100) return `${v.toFixed(0)} ms`
  if (v >= 10) return `${v.toFixed(1).replace('.', ',')} ms`
  return `${v.toFixed(2).replace('.', ',')} ms`
}

const ratio = (r: number | undefined): string => (r === undefined ? '' : `${r.toFixed(2).replace('.', ',')}×`)
const mb = (v: number | undefined): string => (v === undefined ? '' : `${Math.round(v)}`)

export interface CaseTable {
  title: string
  runs: number
  fresh: boolean
  rounds: number
  rows: Row[]
}

const HEAD = ['meting', 'min', 'mediaan', 'basislijn (zelfde werk, alleen de bibliotheken)', 'min', 'mediaan', 'app/bl', 'doel (op de mediaan)', 'piek-RSS MB app/bl']

function cells(r: Row): string[] {
  const targets = r.targets.map((t) => `${t.text} ${t.met ? 'ok' : 'MIST'}`).join('; ')
  return [
    r.label,
    ms(r.app.min),
    ms(r.app.median),
    r.baseline?.label ?? '',
    ms(r.baseline?.value.min),
    ms(r.baseline?.value.median),
    ratio(r.ratio),
    targets,
    r.rssMb.baseline === undefined ? mb(r.rssMb.app) : `${mb(r.rssMb.app)} / ${mb(r.rssMb.baseline)}`,
  ]
}

export function printTable(cases: CaseTable[], before: Machine, after: Machine, seconds: number, out: (s: string) => void = (s) => process.stdout.write(s)): void {
  const lines = cases.flatMap((c) => c.rows.map(cells))
  const width = HEAD.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)))
  const right = new Set([1, 2, 4, 5, 6, 8])
  const fmt = (l: string[]): string =>
    l
      .map((s, i) => (right.has(i) ? s.padStart(width[i] ?? 0) : s.padEnd(width[i] ?? 0)))
      .join('  ')
      .trimEnd()
  out(`\nToestemmingsregister: snelheid, ${before.date.slice(0, 10)}\n`)
  out(`${before.cores} cores (${before.cpu}), ${before.memoryGb} GB, ${before.os}, Node ${before.node}\n`)
  out(`belasting van de machine (1/5/15 min): vooraf ${before.load.join(' ')}, achteraf ${after.load.join(' ')}\n`)
  for (const c of cases) {
    const how = c.fresh ? 'elk in een nieuw proces' : `in ${c.rounds} processen`
    out(`\n${c.title} (${c.runs} keer, ${how}, om en om met de basislijn)\n`)
    out(`  ${fmt(HEAD)}\n`)
    for (const r of c.rows) out(`  ${fmt(cells(r))}\n`)
  }
  const missed = cases.flatMap((c) => c.rows.flatMap((r) => r.targets.filter((t) => !t.met).map((t) => `${c.title}: ${r.label} ${t.text}`)))
  out(`\n${missed.length === 0 ? 'Alle doelen gehaald.' : `MIST (${missed.length}):\n${missed.map((m) => `  - ${m}`).join('\n')}`}\n`)
  out(`Duur: ${Math.round(seconds)} s.\n`)
}
