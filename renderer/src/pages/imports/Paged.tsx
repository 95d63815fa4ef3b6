import { useState, type ReactNode } from 'react'

/** How many rows a long list shows at first, and how many more each 'Meer tonen' adds. */
export const PAGE = 200

/**
 * The first PAGE items of a long list (10,000 pupils must stay quick), with a button for more.
 * `resetKey`: when the list itself changes (another tab or filter), start again at PAGE.
 */
export function Paged<T>({ items, resetKey, hint, children }: { items: readonly T[]; resetKey: string; hint?: string; children: (shown: readonly T[]) => ReactNode }) {
  const [state, setState] = useState({ key: resetKey, limit: PAGE })
  const limit = state.key === resetKey ? state.limit : PAGE
  if (state.key !== resetKey) setState({ key: resetKey, limit: PAGE })
  const rest = items.length - limit
  return (
    <>
      {children(items.slice(0, limit))}
      {rest > 0 && (
        <div className="more">
          <span className="muted">
            {limit} van {items.length} getoond.
          </span>
          <button type="button" onClick={() => setState({ key: resetKey, limit: limit + PAGE })}>
            Meer tonen ({Math.min(PAGE, rest)})
          </button>
          {rest > PAGE && hint && <span className="muted">{hint}</span>}
        </div>
      )}
    </>
  )
}
