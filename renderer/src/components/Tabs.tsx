// Tabs as a screen reader and the keyboard know them: a tablist of links (each tab keeps its
// own address), the current one selected and the only one in the Tab order, arrow keys, Home
// and End moving between them, and the panel labelled by its tab.
import type { KeyboardEvent, ReactNode } from 'react'
import { go, href, type Route } from '../router.ts'

export interface TabItem {
  key: string
  label: string
}

const tabId = (idBase: string, key: string) => `${idBase}-tab-${key}`

export function Tabs({ label, idBase, link, items, current, children }: { label: string; idBase: string; link: (key: string) => Route; items: readonly TabItem[]; current: string; children: ReactNode }) {
  const move = (e: KeyboardEvent, index: number) => {
    const last = items.length - 1
    const next = e.key === 'ArrowRight' ? (index === last ? 0 : index + 1) : e.key === 'ArrowLeft' ? (index === 0 ? last : index - 1) : e.key === 'Home' ? 0 : e.key === 'End' ? last : -1
    const item = items[next]
    if (!item) return
    e.preventDefault()
    go(link(item.key))
    // At once, not after a frame: a second arrow pressed before the screen draws moves on from the new tab.
    document.getElementById(tabId(idBase, item.key))?.focus()
  }
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {items.map((t, i) => (
          <a
            key={t.key}
            id={tabId(idBase, t.key)}
            role="tab"
            href={href(link(t.key))}
            aria-selected={t.key === current}
            aria-controls={`${idBase}-panel`}
            tabIndex={t.key === current ? 0 : -1}
            onKeyDown={(e) => move(e, i)}
          >
            {t.label}
          </a>
        ))}
      </div>
      <div id={`${idBase}-panel`} role="tabpanel" aria-labelledby={tabId(idBase, current)}>
        {children}
      </div>
    </>
  )
}
