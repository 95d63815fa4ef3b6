// The consent coverage of a group at a glance: a small stacked bar per purpose, and its legend.
import type { Coverage } from '../../../shared/domain.ts'

/** One small stacked bar: granted, refused, no answer. Plain SVG, readable without colour too (title). */
export function CoverageBar({ coverage, width = 160 }: { coverage: Coverage; width?: number }) {
  const total = coverage.granted + coverage.refused + coverage.unknown
  if (total === 0) return <span className="muted">—</span>
  const w = (n: number) => (n / total) * width
  const label = `${coverage.granted} toestemming, ${coverage.refused} geweigerd, ${coverage.unknown} geen antwoord`
  return (
    <svg className="coverage-bar" width={width} height={14} role="img" aria-label={label}>
      <title>{label}</title>
      <rect x={0} y={0} width={w(coverage.granted)} height={14} className="bar-granted" />
      <rect x={w(coverage.granted)} y={0} width={w(coverage.refused)} height={14} className="bar-refused" />
      <rect x={w(coverage.granted) + w(coverage.refused)} y={0} width={w(coverage.unknown)} height={14} className="bar-unknown" />
    </svg>
  )
}

/** What the bars' colours mean, for the pages that show them (read out through each bar's label instead). */
export function CoverageLegend() {
  return (
    <div className="legend" aria-hidden="true">
      <span>
        <i className="granted" />
        toestemming
      </span>
      <span>
        <i className="refused" />
        geweigerd
      </span>
      <span>
        <i className="unknown" />
        geen antwoord
      </span>
    </div>
  )
}
