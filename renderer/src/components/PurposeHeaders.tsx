// One narrow column per purpose, its name written upwards: for tables of groups or pupils against
// purposes, as header cells of a hand-built table or as ListTable columns.
import type { ReactNode } from 'react'
import type { Purpose } from '../../../shared/domain.ts'
import type { ListColumn } from './ListTable.tsx'

type PurposeName = Pick<Purpose, 'id' | 'label'>

export function PurposeHeaders({ purposes }: { purposes: PurposeName[] }) {
  return purposes.map((p) => (
    <th key={p.id} className="rotated" title={p.label}>
      <span>{p.label}</span>
    </th>
  ))
}

/** The same columns for a ListTable: `cell.render` gives a row's cell for one purpose. */
export function purposeColumns<T>(purposes: readonly PurposeName[], cell: { className?: string; render: (row: T, purpose: PurposeName) => ReactNode }): ListColumn<T>[] {
  return purposes.map((p) => ({ header: <span>{p.label}</span>, headerClassName: 'rotated', headerTitle: p.label, className: cell.className, render: (row: T) => cell.render(row, p) }))
}
