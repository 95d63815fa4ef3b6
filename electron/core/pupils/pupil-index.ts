// The pupil search index: every pupil's folded name parts, student number and guardians' names
// in memory (form codes are looked up exactly, in SQL), each distinct part in a sorted list that a typed word finds as a
// prefix range, so that search while typing and the list filter never scan the register. One index per open connection; it
// is kept current by the connection's own writes: temporary triggers (in the connection's temp
// schema, never in the file) note which pupils changed, and the next look-up reads those again,
// so a removed pupil is gone from the next answer. A write by another connection (SQLite's
// data_version) or a restore (a new connection) makes it build again. It is built just after the
// first whole list is answered (warmPupilIndex), not at open: the cold start does not wait for it.
import { fold } from '../../../shared/text.ts'
import type { Db } from '../db/open.ts'
import { createPupilIndexTriggers, dataVersion, indexedPupilRows, type IndexedPupilRow } from './pupils.queries.ts'

export interface IndexedPupil {
  id: number
  firstName: string
  lastNamePrefix: string
  lastName: string
  studentNumber: string | null
  left: boolean
  /** Folded parts of the names and the student number: what the list filter looks in. */
  nameTokens: string[]
  /** nameTokens and the guardians' names: what search while typing looks in. */
  tokens: string[]
  /** The first name and surname folded: a hit ranks higher when a word starts one of them. */
  first: string
  last: string
  /** Folded surname, first name, prefix: the alphabetical order of hits, made when first needed (an entry is replaced when the pupil changes). */
  sortKey?: string
  /** The last look-up that met this pupil (find's own bookkeeping). */
  pass?: number
}

/** Where a word is looked for: the list ('names': name and student number) or search ('all'). */
export type IndexScope = 'names' | 'all'

/** More changed pupils than this at once (an import, an undo): build again rather than one by one. */
const REBUILD_OVER = 2000

/** Folds text into its parts, each distinct raw part folded once: names repeat across a school. */
class Tokenizer {
  private readonly cache = new Map<string, string[]>()
  private readonly names = new Map<string, string>()

  /** 'Jansen-de Vries' -> 'jansen-de', 'jansen', 'de', 'vries': each whole part and its pieces, added to `out`. */
  addTokens(out: string[], raw: string): void {
    for (const word of raw.split(' ')) {
      if (word === '') continue
      // A plain word or number (most names, every student number): only lower case.
      if (PLAIN.test(word)) {
        add(out, word.toLowerCase())
        continue
      }
      let folded = this.cache.get(word)
      if (!folded) {
        folded = []
        for (const part of fold(word).split(/\s+/)) {
          if (!part) continue
          add(folded, part)
          if (/[^\p{L}\p{N}]/u.test(part)) for (const piece of part.split(/[^\p{L}\p{N}]+/u)) if (piece) add(folded, piece)
        }
        if (this.cache.size > 50_000) this.cache.clear()
        this.cache.set(word, folded)
      }
      for (const t of folded) add(out, t)
    }
  }

  entry(r: IndexedPupilRow): IndexedPupil {
    const nameTokens: string[] = []
    this.addTokens(nameTokens, r.firstName)
    this.addTokens(nameTokens, r.lastNamePrefix)
    this.addTokens(nameTokens, r.lastName)
    if (r.studentNumber) this.addTokens(nameTokens, r.studentNumber)
    const tokens = nameTokens.slice()
    for (const name of r.guardianNames) this.addTokens(tokens, name)
    const e = { id: r.id, firstName: r.firstName, lastNamePrefix: r.lastNamePrefix, lastName: r.lastName, studentNumber: r.studentNumber, left: r.leftOn !== null }
    return { ...e, nameTokens, tokens, first: this.foldName(r.firstName), last: this.foldName(r.lastName) }
  }

  /** A whole name folded ('Zoë' -> 'zoe'), each distinct one once. */
  foldName(raw: string): string {
    if (PLAIN.test(raw)) return raw.toLowerCase()
    let v = this.names.get(raw)
    if (v === undefined) {
      if (this.names.size > 50_000) this.names.clear()
      this.names.set(raw, (v = fold(raw)))
    }
    return v
  }
}

const PLAIN = /^[A-Za-z0-9]+$/
/** Adds a token once: a pupil has a dozen at most, so a list beats a Set. */
const add = (list: string[], token: string): void => {
  if (!list.includes(token)) list.push(token)
}

/** The first place in `sorted` at which `word` could stand (binary search on code units). */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as string) < word) lo = mid + 1
    else hi = mid
  }
  return lo
}

export class PupilIndex {
  private readonly db: Db
  private readonly tokenizer = new Tokenizer()
  private readonly entries = new Map<number, IndexedPupil>()
  /** Each distinct token and the pupils that have it; `sorted` lists the tokens for prefix ranges. */
  private readonly byToken = new Map<string, number[]>()
  private sorted: string[] = []
  private readonly changed = new Set<number>()
  private dataVersion = -1
  private pass = 0
  /** Every pupil in alphabetical order (sortKey), made when first asked for after a change. */
  private ordered: IndexedPupil[] | null = null
  /** The distinct folded first names and surnames, sorted; made with `ordered`. */
  private names: string[] = []
  /** How often the index was built from the database: for tests and the bench, never per pupil. */
  builds = 0

  constructor(db: Db) {
    this.db = db
    installTriggers(db, (id) => this.changed.add(id))
    this.build()
  }

  get size(): number {
    this.catchUp()
    return this.entries.size
  }

  /** Pupils in which every word starts a part (name part, number, guardian's name); unordered. */
  find(words: readonly string[], scope: IndexScope): IndexedPupil[] {
    this.catchUp()
    if (words.length === 0) return []
    const longest = words.reduce((a, b) => (b.length > a.length ? b : a))
    const pass = ++this.pass // a pupil with two parts in the range counts once: marked with this pass
    const out: IndexedPupil[] = []
    for (let i = lowerBound(this.sorted, longest); i < this.sorted.length && (this.sorted[i] as string).startsWith(longest); i++) {
      for (const id of this.byToken.get(this.sorted[i] as string) ?? []) {
        const e = this.entries.get(id) as IndexedPupil
        if (e.pass === pass) continue
        e.pass = pass
        const tokens = scope === 'names' ? e.nameTokens : e.tokens
        // The longest word starts one of this pupil's tokens already; for 'names' it must start a name part.
        if (words.every((w) => (scope === 'all' && w === longest) || tokens.some((t) => t.startsWith(w)))) out.push(e)
      }
    }
    return out
  }

  /**
   * Every pupil in the order of `key` (the hits' alphabetical order), made again after a change:
   * a short word matches most of the school, and its first hits in this order are found at once.
   */
  inOrder(key: (e: IndexedPupil) => string): IndexedPupil[] {
    this.catchUp()
    if (!this.ordered) {
      const keyed = [...this.entries.values()].map((e) => ({ e, k: key(e) }))
      keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.e.id - b.e.id))
      this.ordered = keyed.map(({ e }) => e)
      this.names = [...new Set(this.ordered.flatMap((e) => [e.first, e.last]))].sort()
    }
    return this.ordered
  }

  /** Whether some pupil's first name or surname starts with this word (after inOrder). */
  startsAName(word: string): boolean {
    const at = this.names[lowerBound(this.names, word)]
    return at !== undefined && at.startsWith(word)
  }

  /** The pupil as the index holds it now (after reading what changed); undefined once removed. */
  get(id: number): IndexedPupil | undefined {
    this.catchUp()
    return this.entries.get(id)
  }

  private build(): void {
    this.ordered = null
    this.entries.clear()
    this.byToken.clear()
    this.changed.clear()
    this.dataVersion = dataVersion(this.db)
    for (const row of indexedPupilRows(this.db)) {
      const e = this.tokenizer.entry(row)
      this.entries.set(e.id, e)
      for (const t of e.tokens) {
        const ids = this.byToken.get(t)
        if (ids) ids.push(e.id)
        else this.byToken.set(t, [e.id])
      }
    }
    this.sorted = [...this.byToken.keys()].sort()
    this.builds++
  }

  /** Reads again what this connection changed since the last look-up, or everything after another connection wrote. */
  private catchUp(): void {
    const version = dataVersion(this.db)
    if (version !== this.dataVersion || this.changed.size > REBUILD_OVER) return this.build()
    if (this.changed.size === 0) return
    const ids = [...this.changed]
    // Inside a transaction the change may still be rolled back: read it now and again after.
    if (!this.db.inTransaction) this.changed.clear()
    const rows = new Map(indexedPupilRows(this.db, ids).map((r) => [r.id, r]))
    for (const id of ids) {
      this.remove(id)
      const row = rows.get(id)
      if (row) this.put(this.tokenizer.entry(row))
    }
  }

  private put(e: IndexedPupil): void {
    this.ordered = null
    this.entries.set(e.id, e)
    for (const t of e.tokens) {
      const ids = this.byToken.get(t)
      if (ids) ids.push(e.id)
      else {
        this.byToken.set(t, [e.id])
        this.sorted.splice(lowerBound(this.sorted, t), 0, t)
      }
    }
  }

  private remove(id: number): void {
    const e = this.entries.get(id)
    if (!e) return
    this.ordered = null
    this.entries.delete(id)
    for (const t of e.tokens) {
      const ids = this.byToken.get(t) as number[]
      ids.splice(ids.indexOf(id), 1)
      if (ids.length === 0) {
        this.byToken.delete(t)
        this.sorted.splice(lowerBound(this.sorted, t), 1)
      }
    }
  }
}

/**
 * The function the index's temporary triggers call (pupils.queries.ts createPupilIndexTriggers) for
 * each pupil whose searchable text may have changed. A read-only connection cannot have them and
 * needs none: it writes nothing.
 */
function installTriggers(db: Db, touched: (pupilId: number) => void): void {
  if (db.readonly) return
  db.function('pupil_index_touched', { deterministic: false }, (id: unknown) => {
    if (typeof id === 'number' || typeof id === 'bigint') touched(Number(id))
    return null
  })
  createPupilIndexTriggers(db)
}

const indexes = new WeakMap<Db, PupilIndex>()

/**
 * Builds the index soon, in a later turn of the event loop, unless it is there: called after the
 * first whole list is answered, so that neither the cold start nor the first list waits for it,
 * and the first keystroke finds it ready. A connection closed meanwhile is left alone.
 */
export function warmPupilIndex(db: Db): void {
  if (indexes.has(db) || warming.has(db)) return
  warming.add(db)
  setTimeout(() => {
    warming.delete(db)
    if (!db.open || indexes.has(db)) return
    try {
      pupilIndex(db)
    } catch {
      // Built on the first search instead, which reports what is wrong.
    }
  }, WARM_AFTER_MS).unref()
}

/** Long enough for the first list to be on its way to the screen. */
const WARM_AFTER_MS = 20
const warming = new WeakSet<Db>()

/** The index of this connection, built on first use (or soon after the first list: warmPupilIndex). */
export function pupilIndex(db: Db): PupilIndex {
  let index = indexes.get(db)
  if (!index) indexes.set(db, (index = new PupilIndex(db)))
  return index
}
