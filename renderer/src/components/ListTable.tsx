// A short list as a table (backups, rounds, retention): a header row, one row per item, and a
// sentence instead of an empty table when there are no items. Long lists use VirtualTable.
import type { ReactNode } from 'react'

export interface ListColumn<T> {
  header: ReactNode
  render: (row: T) => ReactNode
  /** The class of the column's cells, e.g. 'num' or 'nowrap'. */
  className?: string
  /** The class of its header; by default none. */
  headerClassName?: string
}

interface Props<T> {
  rows: readonly T[] | undefined
  rowKey: (row: T) => string | number
  columns: readonly ListColumn<T>[]
  /** Shown instead of the table when rows is empty, e.g. 'Nog geen reservekopieën.' */
  empty: ReactNode
  className?: string
}

export function ListTable<T>({ rows, rowKey, columns, empty, className }: Props<T>) {
  if (rows?.length === 0) return <p className="empty">{empty}</p>
  return (
    <table className={className ? `list ${className}` : 'list'}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} className={c.headerClassName}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows?.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c, i) => (
              <td key={i} className={c.className}>
                {c.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
