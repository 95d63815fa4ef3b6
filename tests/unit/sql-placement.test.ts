// Where SQL may be prepared: only in a *.queries.ts file, the statement cache (db/statements.ts)
// and the migrations. A scan of electron/ finds every `.prepare(` and every `.exec(` on a
// database handle (db, ctx.db, conn …) elsewhere; RegExp.exec (a regex literal or a pattern
// constant) is not SQL and is let through. Broken on purpose below, so the scan cannot pass by
// finding nothing.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

/**
 * Files that may still prepare SQL outside a queries file, each with its reason. A file here
 * that no longer needs it fails the last test, so the list only shrinks.
 */
const ALLOWED_FOR_NOW: Record<string, string> = {}

const placeForSql = (path: string): boolean => path.endsWith('.queries.ts') || path === 'electron/core/db/statements.ts' || path.startsWith('electron/core/db/migrations/')

/** A name that holds a database connection: db, ctx.db, this.db, conn, connection, database, freshDb … */
const DATABASE_HANDLE = /(^|\.)(db|conn|connection|database|sqlite)$|Db$/i

/** The source without comments, same length per line, so reported line numbers stay right. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[\s;{}(),])\/\/[^\n]*/g, (m, before: string) => before + ' '.repeat(m.length - before.length))
}

/** Every place in `text` that prepares or executes SQL on a connection, as 'line: code'. */
export function sqlSites(text: string): string[] {
  const source = withoutComments(text)
  const sites: string[] = []
  const call = /([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)\s*\??\.\s*(prepare|exec)\s*\(/g
  for (let m = call.exec(source); m; m = call.exec(source)) {
    const receiver = (m[1] ?? '').replace(/\s|\?/g, '')
    const method = m[2]
    if (method === 'exec' && !DATABASE_HANDLE.test(receiver)) continue
    const line = source.slice(0, m.index).split('\n').length
    sites.push(`${line}: ${receiver}.${method}(`)
  }
  return sites
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(e.name) ? [relative(root, path).split('\\').join('/')] : []
  })
}

const files = sourceFiles(join(root, 'electron'))

describe('SQL lives in *.queries.ts', () => {
  it('no file of electron/ prepares or executes SQL outside a queries file, the statement cache or a migration', () => {
    const misplaced = files.filter((f) => !placeForSql(f) && !(f in ALLOWED_FOR_NOW)).flatMap((f) => sqlSites(readFileSync(join(root, f), 'utf8')).map((site) => `${f}:${site}`))
    expect(misplaced, "move these into the feature's <feature>.queries.ts (through db/statements.ts when reused)").toEqual([])
    expect(files.length).toBeGreaterThan(100) // the scan saw the tree
  })

  it('finds SQL put in a service on purpose, however the call is written', () => {
    const service = [
      "const row = ctx.db.prepare('SELECT 1').get()",
      'const rows = ctx.db',
      "  .prepare('SELECT id FROM pupils')",
      '  .all()',
      "db.exec('DELETE FROM pupils')",
      "this.db.exec('CREATE TEMP TABLE t (x)')",
      "x.db?.prepare('SELECT 2')",
      "freshDb.exec('VACUUM')",
    ].join('\n')
    expect(sqlSites(service)).toEqual(['1: ctx.db.prepare(', '2: ctx.db.prepare(', '5: db.exec(', '6: this.db.exec(', '7: x.db.prepare(', '8: freshDb.exec('])
  })

  it('lets RegExp.exec and comments through', () => {
    const code = [
      'const m = /^(\\d+)-(\\d+)$/.exec(value)',
      'const n = PATTERN.exec(name)?.[1]',
      'for (let t = opening.exec(xml); t; t = opening.exec(xml)) {}',
      "const r = new RegExp('a').exec(s)",
      '// the old code called db.prepare() here',
      '/* ctx.db.exec(sql) was here */',
    ].join('\n')
    expect(sqlSites(code)).toEqual([])
  })

  it('a deliberate violation in the tree is reported with its file and line', () => {
    const probe = 'electron/core/consent/consent.service.ts'
    const text = `${readFileSync(join(root, probe), 'utf8')}\nexport const probe = (ctx: CoreContext) => ctx.db.prepare('SELECT 1').get()\n`
    expect(placeForSql(probe)).toBe(false)
    expect(sqlSites(text)).toEqual([`${text.split('\n').length - 1}: ctx.db.prepare(`])
    expect(placeForSql('electron/core/consent/consent.queries.ts')).toBe(true)
    expect(placeForSql('electron/core/db/migrations/0010-example.ts')).toBe(true)
  })

  it('every file on the allow-list still needs to be there', () => {
    for (const f of Object.keys(ALLOWED_FOR_NOW)) {
      expect(files, `${f} is gone: take it off the list`).toContain(f)
      expect(sqlSites(readFileSync(join(root, f), 'utf8')).length, `${f} no longer prepares SQL: take it off the list`).toBeGreaterThan(0)
    }
  })
})
