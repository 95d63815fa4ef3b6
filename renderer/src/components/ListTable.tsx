// A short list as a table (backups, rounds, retention, import steps): a header row, one row per
// item, and a sentence instead of an empty table when there are no items. A row can open into one
// wide cell (an editor in the list), and a footer can add a total. Long lists use VirtualTable.
import { Fragment, type ReactNode } from 'react'

export interface ListColumn<T> {
  /** The column's header; when no column has one, the table has no header row. */
  header?: ReactNode
  render: (row: T) => ReactNode
  /** The class of the column's cells, e.g. 'num' or 'nowrap'. */
  className?: string
  /** The class of its header; by default none. */
  headerClassName?: string
  /** The header's tooltip, e.g. a purpose's full name over its narrow column. */
  headerTitle?: string
}

interface Props<T> {
  rows: readonly T[] | undefined
  /** A row's key; `index` for rows that have nothing unique of their own. */
  rowKey: (row: T, index: number) => string | number
  columns: readonly ListColumn<T>[]
  /** Shown instead of the table when rows is empty, e.g. 'Nog geen reservekopieën.'; without it an empty list keeps its header row. */
  empty?: ReactNode
  className?: string
  /** A caption for screen readers, e.g. 'Wijzigingen, de nieuwste eerst'. */
  caption?: string
  /** The class of one row, e.g. 'inactive'. */
  rowClassName?: (row: T) => string | undefined
  /** What a row shows instead of its cells, in one cell across the table (an editor opened in the list); undefined: its cells. */
  renderOpened?: (row: T) => ReactNode
  /** A row's second row under it, in one cell across the table (a step's editor, a confirmation); nothing: none. */
  renderBelow?: (row: T) => ReactNode
  /** The class of that second row, e.g. 'sub'. */
  belowClassName?: string
  /** Rows under the list (a total), inside the table's tfoot. */
  footer?: ReactNode
  /** The rows are being worked out again (aria-busy on the table). */
  busy?: boolean
  /** The table's name for screen readers, e.g. 'Gekozen bestanden'. */
  label?: string
}

/** Whether a render gave something to show ({cond && <X />} gives false when not). */
const shows = (node: ReactNode): boolean => node !== undefined && node !== null && node !== false

export function ListTable<T>({ rows, rowKey, columns, empty, className, caption, rowClassName, renderOpened, renderBelow, belowClassName, footer, busy, label }: Props<T>) {
  if (empty !== undefined && rows?.length === 0) return <p className="empty">{empty}</p>
  return (
    <table className={className ? `list ${className}` : 'list'} aria-busy={busy} aria-label={label}>
      {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
      {columns.some((c) => c.header !== undefined) && (
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.headerClassName} title={c.headerTitle}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {rows?.map((row, index) => {
          const key = rowKey(row, index)
          const open = renderOpened?.(row)
          if (shows(open))
            return (
              <tr key={key}>
                <td colSpan={columns.length}>{open}</td>
              </tr>
            )
          const under = renderBelow?.(row)
          return (
            <Fragment key={key}>
              <tr className={rowClassName?.(row)}>
                {columns.map((c, i) => (
                  <td key={i} className={c.className}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
              {shows(under) && (
                <tr className={belowClassName}>
                  <td colSpan={columns.length}>{under}</td>
                </tr>
              )}
            </Fragment>
          )
        })}
      </tbody>
      {footer !== undefined && <tfoot>{footer}</tfoot>}
    </table>
  )
}
