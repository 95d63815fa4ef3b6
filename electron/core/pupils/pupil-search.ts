// Search while typing (Ctrl+K) and the pupil list's filter, both answered from the search index
// (pupil-index.ts) rather than by scanning the register: the index gives the pupils whose name
// parts, number or guardians' names start with every word typed; this module ranks them, or keeps
// the list's Dutch name order, and keeps the rows it showed until the next write.
import type { ApiParsed } from '../../../shared/api.ts'
import type { PupilHit, PupilSummary } from '../../../shared/domain.ts'
import type { FilteredPupils } from '../../../shared/pupils.contract.ts'
import { fold } from '../../../shared/text.ts'
import type { CoreContext } from '../context.ts'
import { schoolYearId } from '../settings/settings.service.ts'
import { pupilIndex, warmPupilIndex, type IndexedPupil, type PupilIndex } from './pupil-index.ts'
import { hitRows, listPupils, pupilIdsWithFormCode, writeStamp } from './pupils.queries.ts'

/** The words of a query, folded: at most six, split on spaces and commas. */
export const queryWords = (query: string): string[] =>
  fold(query)
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 6)

/** The first `limit` items in `compare` order, without sorting them all: a bounded max-heap. */
function firstInOrder<T>(items: readonly T[], limit: number, compare: (a: T, b: T) => number): T[] {
  const heap: T[] = [] // heap[0] is the last of the kept ones
  const swap = (i: number, j: number): void => {
    const t = heap[i] as T
    heap[i] = heap[j] as T
    heap[j] = t
  }
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let top = i
      if (l < heap.length && compare(heap[l] as T, heap[top] as T) > 0) top = l
      if (r < heap.length && compare(heap[r] as T, heap[top] as T) > 0) top = r
      if (top === i) return
      swap(i, top)
      i = top
    }
  }
  for (const item of items) {
    if (heap.length < limit) {
      heap.push(item)
      for (let i = heap.length - 1; i > 0 && compare(heap[i] as T, heap[(i - 1) >> 1] as T) > 0; i = (i - 1) >> 1) swap(i, (i - 1) >> 1)
    } else if (limit > 0 && compare(item, heap[0] as T) < 0) {
      heap[0] = item
      down(0)
    }
  }
  return heap.sort(compare)
}

/** Folded names, each distinct one folded once per process: names repeat across a school. */
const foldedNames = new Map<string, string>()
function folded(s: string): string {
  let v = foldedNames.get(s)
  if (v === undefined) {
    if (foldedNames.size > 50_000) foldedNames.clear()
    foldedNames.set(s, (v = fold(s)))
  }
  return v
}

/**
 * Alphabetical on surname, then first name, then prefix, as plain folded text: the Dutch
 * collator's order for names (accents and case aside) without a collator call per comparison,
 * which a one-letter query over 10,000 pupils would make tens of thousands of.
 */
const sortKey = (e: IndexedPupil): string => (e.sortKey ??= `${e.last}\u0001${e.first}\u0001${folded(e.lastNamePrefix)}`)
const byKey = (a: IndexedPupil, b: IndexedPupil): number => {
  const ka = sortKey(a)
  const kb = sortKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : a.id - b.id
}

/** How well a pupil matches: 2 per word that starts the first name or surname, 1 per word that starts another part. */
function score(words: readonly string[], e: IndexedPupil): number {
  let s = 0
  for (const w of words) {
    if (e.first.startsWith(w) || e.last.startsWith(w)) s += 2
    else if (e.nameTokens.some((t) => t.startsWith(w))) s += 1
  }
  return s
}

/** Words this short match most of a school: their best hits come from a walk in alphabetical order, not from all matches. */
const SHORT = 2

/**
 * The best `limit` pupils by name for these words: best score first, then alphabetical. For short
 * words the walk in alphabetical order stops once `limit` pupils have the highest score there can
 * be (each word starting a first name or surname where any does); longer words take their matches
 * from the index.
 */
function bestByName(index: PupilIndex, words: readonly string[], limit: number, includeLeft: boolean): IndexedPupil[] {
  if (words.every((w) => w.length <= SHORT)) {
    const ordered = index.inOrder(sortKey)
    // The highest score a pupil could have: 2 for a word that starts some first name or surname, else 1.
    const top = words.reduce((n, w) => n + (index.startsAName(w) ? 2 : 1), 0)
    // Per score, the first `limit` pupils in alphabetical order: nothing more can be shown.
    const byScore: IndexedPupil[][] = Array.from({ length: top + 1 }, () => [])
    const best = byScore[top] as IndexedPupil[]
    for (const e of ordered) {
      if ((!includeLeft && e.left) || !words.every((w) => e.tokens.some((t) => t.startsWith(w)))) continue
      const bucket = byScore[score(words, e)] as IndexedPupil[]
      if (bucket.length < limit) bucket.push(e)
      if (best.length === limit) return best
    }
    return byScore.reverse().flat().slice(0, limit)
  }
  const found = index.find(words, 'all').filter((e) => includeLeft || !e.left)
  const scored: { e: IndexedPupil; s: number }[] = new Array(found.length)
  for (let i = 0; i < found.length; i++) scored[i] = { e: found[i] as IndexedPupil, s: score(words, found[i] as IndexedPupil) }
  return firstInOrder(scored, limit, (a, b) => b.s - a.s || byKey(a.e, b.e)).map(({ e }) => e)
}

/**
 * Search while typing: every word must start a part (case and diacritics ignored) of the pupil's
 * names, student number or guardians' names. A form code ('TR-7K3M9Q', with or without 'TR-')
 * finds its pupil exactly. Best matches first: a name that starts with the words, then
 * alphabetical on surname (sortKey). Reads the full rows of the best `limit` only.
 */
export function searchPupils(ctx: CoreContext, input: ApiParsed<'pupils.search'>): PupilHit[] {
  // A desk scanner types a consent form's whole QR text ('TR-7K3M9Q 1/1 1K3M9Q'): its form code counts.
  const query = /^\s*(TR-[2-9A-Z]{6}) \d{1,2}\/\d{1,2} \d[0-9A-Z]{5}\s*$/i.exec(input.query)?.[1] ?? input.query
  const words = queryWords(query)
  if (words.length === 0) return []
  const index = pupilIndex(ctx.db)
  // A form code, with 'TR-' or without it (then it may also be a name: both are looked for).
  const code = /^(tr-?)?([2-9a-hj-km-np-z]{6})$/.exec(words.join(''))
  const byCode = code ? pupilIdsWithFormCode(ctx.db, `TR-${code[2]?.toUpperCase()}`).flatMap((id) => index.get(id) ?? []) : []
  const names = code?.[1] ? [] : bestByName(index, words, input.limit, input.includeLeft)
  const ranked = [...byCode, ...names.filter((e) => !byCode.includes(e))].slice(0, input.limit)
  const shown = keptHits(
    ctx,
    ranked.map((e) => e.id),
  )
  return ranked.flatMap((e) => shown.get(e.id) ?? [])
}

/** Hit rows read since the last write: typing on re-reads only pupils not shown before. */
const keptHitRows = new WeakMap<CoreContext['db'], { stamp: string; rows: Map<number, PupilHit> }>()

/** The rows of these hits, from the kept ones; those not kept yet read in one query (hitRows). */
function keptHits(ctx: CoreContext, ids: readonly number[]): Map<number, PupilHit> {
  const yearId = schoolYearId(ctx)
  const stamp = `${yearId}/${writeStamp(ctx.db)}`
  let kept = keptHitRows.get(ctx.db)
  if (kept?.stamp !== stamp) keptHitRows.set(ctx.db, (kept = { stamp, rows: new Map() }))
  const known = kept.rows
  const missing = ids.filter((id) => !known.has(id))
  if (missing.length > 0) {
    if (known.size > 20_000) known.clear()
    const { rows, guardianNames } = hitRows(ctx.db, missing, yearId)
    for (const r of rows) known.set(r.id, { ...r, guardianNames: guardianNames.get(r.id) ?? '' })
  }
  return known
}

/** The lists read since the last write, by group and whether left pupils count: typing in the filter re-reads nothing. */
const keptLists = new WeakMap<CoreContext['db'], { stamp: string; lists: Map<string, PupilSummary[]> }>()

/** The pupils of the school (or a group) in Dutch name order, read again only after a write: listPupils, kept. */
export function sortedPupils(ctx: CoreContext, groupId: number | undefined, includeLeft: boolean): PupilSummary[] {
  const yearId = schoolYearId(ctx)
  const stamp = `${yearId}/${writeStamp(ctx.db)}`
  let kept = keptLists.get(ctx.db)
  if (kept?.stamp !== stamp) keptLists.set(ctx.db, (kept = { stamp, lists: new Map() }))
  const key = `${groupId ?? ''}/${includeLeft}`
  let list = kept.lists.get(key)
  if (!list) kept.lists.set(key, (list = listPupils(ctx.db, yearId, groupId, includeLeft)))
  return list
}

/** The pupil list (a group's, or the school's) in Dutch name order, with only the pupils whose name or number starts with every word. */
export function filterPupils(ctx: CoreContext, input: ApiParsed<'pupils.filter'>): FilteredPupils {
  const all = sortedPupils(ctx, input.groupId, input.includeLeft)
  const words = queryWords(input.query)
  if (words.length === 0) {
    warmPupilIndex(ctx.db) // the first list is on screen: typing comes next
    return { pupils: all, total: all.length }
  }
  const matches = new Set(
    pupilIndex(ctx.db)
      .find(words, 'names')
      .map((e) => e.id),
  )
  return { pupils: all.filter((p) => matches.has(p.id)), total: all.length }
}

/** The filter's answer as ids in list order (pupils.matching): a keystroke on 10,000 sends kilobytes, not the rows again. */
export function matchingPupils(ctx: CoreContext, input: ApiParsed<'pupils.matching'>): { ids: number[]; total: number } {
  const { pupils, total } = filterPupils(ctx, input)
  return { ids: pupils.map((p) => p.id), total }
}
