// A table that may hold the whole school (10,000 rows) and draws only the rows in view, with
// @tanstack/react-virtual: a real <table> whose row count and each row's place are announced
// (aria-rowcount, aria-rowindex), in a box that scrolls with the keyboard (it takes focus: arrow
// keys, Page Up/Down, Home, End). Rows have one fixed height, so nothing is measured per row.
import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef, type ReactNode } from 'react'
import './virtual-table.css'

export interface Column<T> {
  header: ReactNode
  className?: string
  cell: (row: T) => ReactNode
}

interface Props<T> {
  rows: readonly T[]
  rowKey: (row: T) => string | number
  columns: readonly Column<T>[]
  /** What the table is, for screen readers: 'Leerlingen'. */
  label: string
  /** Height of one row in px, as the stylesheet draws it (.virtual-table tbody tr). */
  rowHeight?: number
  /** A cap on the box's height (CSS), for a table among others on a page; otherwise it fills its column. */
  maxHeight?: string
  className?: string
  /** While a new answer (another filter) is on its way: aria-busy on the box. */
  busy?: boolean
  /** The box's height in px on the first paint, before it is measured: about maxHeight, or a window's. */
  firstHeight?: number
}

/** Rows drawn above and below the view, so that a quick scroll shows rows rather than white. */
const OVERSCAN = 12

export function VirtualTable<T>({ rows, rowKey, columns, label, rowHeight = 37, maxHeight, className, busy = false, firstHeight = 900 }: Props<T>) {
  const box = useRef<HTMLDivElement>(null)
  // The app does not use the React Compiler, and nothing here memoizes the virtualizer's functions.
  // oxlint-disable-next-line react/incompatible-library
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => box.current,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // Rows on the very first paint, before the box has been measured: a box's height of them.
    initialRect: { width: 1000, height: firstHeight },
  })
  const items = virtual.getVirtualItems()
  const above = items[0]?.start ?? 0
  const below = virtual.getTotalSize() - (items.at(-1)?.end ?? 0)
  const spacer = (height: number) => (
    <tr aria-hidden="true" className="virtual-spacer">
      <td colSpan={columns.length} style={{ height }} />
    </tr>
  )
  return (
    <div ref={box} className="table-scroll virtual-scroll" tabIndex={0} role="region" aria-label={label} aria-busy={busy} style={maxHeight ? { maxHeight } : undefined}>
      <table className={`list virtual-table${className ? ` ${className}` : ''}`} aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {above > 0 && spacer(above)}
          {items.map((item) => {
            const row = rows[item.index] as T
            return (
              <tr key={rowKey(row)} aria-rowindex={item.index + 2} className={item.index % 2 === 1 ? 'stripe' : undefined}>
                {columns.map((c, i) => (
                  <td key={i} className={c.className}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            )
          })}
          {below > 0 && spacer(below)}
        </tbody>
      </table>
    </div>
  )
}
