import type { Purpose } from '../../../shared/domain.ts'

/** One narrow column per purpose, its name written upwards: for tables of groups or pupils against purposes. */
export function PurposeHeaders({ purposes }: { purposes: Pick<Purpose, 'id' | 'label'>[] }) {
  return purposes.map((p) => (
    <th key={p.id} className="rotated" title={p.label}>
      <span>{p.label}</span>
    </th>
  ))
}
