import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { LATEST_VERSION } from '../../electron/core/db/migrations/index.ts'
import { logToFile } from '../../electron/core/log.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-cli-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** Runs the CLI in this process, collecting what it writes. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
  return { code, stdout, stderr }
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('cli', () => {
  it.each([[['help']], [['--help']], [['-h']], [[]]])('%j prints the Dutch help and exits 0', async (argv) => {
    const r = await cli(...argv)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Toestemmingsregister .*: opdrachten voor de terminal/)
    expect(r.stdout).toContain('Gebruik: npm run cli -- <opdracht> [opties]')
    expect(r.stdout).toContain('setup --demo | --empty')
    expect(r.stderr).toBe('')
  })

  it('init creates the folder and a migrated database, and says where it is', async () => {
    const file = join(dir, 'sub', 'school.sqlite')
    const r = await cli('init', '--db', file)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: LATEST_VERSION, dbPath: file, setupDone: false })
    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    expect(db.prepare(`SELECT count(*) FROM purposes`).pluck().get()).toBe(8)
    db.close()
  })

  it('an unknown command exits 2 with a Dutch message, and creates no database', async () => {
    const file = join(dir, 'school.sqlite')
    const r = await cli('verwijder', '--db', file)
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain("Onbekende opdracht 'verwijder'.")
    expect(r.stderr).toContain('Zie: npm run cli -- help')
    expect(existsSync(file)).toBe(false)
  })

  it.each([
    [['init', '--bogus'], "Onbekende optie '--bogus'."],
    [['init', '-x'], "Onbekende optie '-x'."],
    [['init', '--db'], "De optie '--db' heeft een waarde nodig, bijvoorbeeld --db pad/naar/school.sqlite."],
    [['setup', '--demo=ja'], "De optie '--demo' krijgt geen waarde."],
  ])('bad flags %j exit 2 with a Dutch message', async (argv, message) => {
    const r = await cli(...argv)
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`${message}\nZie: npm run cli -- help\n`)
    expect(r.stdout).toBe('')
  })

  it('setup without --demo or --empty exits 2', async () => {
    const r = await cli('setup', '--db', join(dir, 'school.sqlite'))
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Kies --demo of --empty.')
  })

  it('--db pointing to a file that is not SQLite exits 1 with the Dutch message and leaves the file alone', async () => {
    const file = join(dir, 'leerlingen.xlsx')
    writeFileSync(file, 'PK\u0003\u0004 dit is geen database')
    const hash = sha256(file)
    const r = await cli('init', '--db', file)
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`Het bestand ${file} is geen database van Toestemmingsregister (het is geen SQLite-bestand).`)
    expect(r.stderr).toContain('Het bestand is niet gewijzigd.')
    expect(sha256(file)).toBe(hash)
    expect(readdirSync(dir)).toEqual(['leerlingen.xlsx'])
  })

  it('an unexpected failure exits 1 with the Dutch message instead of a stack trace, and logs the details', async () => {
    const log = join(dir, 'logs', 'cli.log')
    logToFile(log)
    writeFileSync(join(dir, 'bestand'), 'x')
    const r = await cli('init', '--db', join(dir, 'bestand', 'sub', 'school.sqlite')) // a folder inside a file
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('Er ging iets mis in het programma. Er is niets half opgeslagen. Probeer het opnieuw; blijft het misgaan, neem dan contact op met de beheerder.\n')
    expect(readFileSync(log, 'utf8')).toMatch(/ERROR \[cli\] command failed .*ENOTDIR/)
  })

  it('setup --demo, then call groups.list gives the 8 groups', async () => {
    const file = join(dir, 'demo.sqlite')
    const setup = await cli('setup', '--demo', '--db', file)
    expect(setup.stderr).toBe('')
    expect(setup.code).toBe(0)
    expect(JSON.parse(setup.stdout)).toMatchObject({ schoolName: 'Demoschool De Regenboog', setupDone: true })

    const r = await cli('call', 'groups.list', '--db', file)
    expect(r.code).toBe(0)
    const groups = JSON.parse(r.stdout) as { name: string; pupilCount: number }[]
    expect(groups.map((g) => g.name)).toEqual(['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'])
    expect(groups.reduce((n, g) => n + g.pupilCount, 0)).toBe(160)
  })

  it('call passes JSON input through the same validation as the app', async () => {
    const file = join(dir, 'school.sqlite')
    const ok = await cli('call', 'settings.update', '{"schoolName":"OBS De Linde"}', '--db', file)
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.stdout)).toMatchObject({ schoolName: 'OBS De Linde' })
    const bad = await cli('call', 'settings.update', '{"schoolYear":"2026-2028"}', '--db', file)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toBe('Een schooljaar loopt over twee opeenvolgende jaren, bijvoorbeeld 2026-2027.\n')
    const broken = await cli('call', 'settings.update', '{schoolName:', '--db', file)
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('De invoer na de methode is geen geldige JSON.')
  })

  it('call takes a file as "@path" where a token goes: the scan of a signed form is kept with the answer; a missing file is refused in Dutch, nothing recorded', async () => {
    const file = join(dir, 'school.sqlite')
    expect((await cli('setup', '--empty', '--name', 'OBS De Linde', '--db', file)).code).toBe(0)
    expect((await cli('settings', '--staff', 'Ans de Wit', '--db', file)).code).toBe(0)
    const pupil = JSON.parse((await cli('call', 'pupils.save', '{"firstName":"Zoë","lastName":"Berg"}', '--db', file)).stdout) as { id: number }
    const purposes = JSON.parse((await cli('call', 'purposes.list', '--db', file)).stdout) as { id: number; code: string }[]
    const scan = join(dir, 'formulier zoë.pdf')
    writeFileSync(scan, '%PDF-1.4\n% getekend\n%%EOF\n')
    const answer = (token: string) =>
      JSON.stringify({ pupilId: pupil.id, decisions: [{ purposeId: purposes.find((p) => p.code === 'website')?.id, decision: 'refused' }], effectiveFrom: '2026-11-30', source: 'paper_form', attachment: { token } })
    const recorded = await cli('call', 'consent.record', answer(`@${scan}`), '--db', file)
    expect(recorded.stderr).toBe('')
    expect(recorded.code).toBe(0)
    const history = JSON.parse((await cli('call', 'consent.history', JSON.stringify({ pupilId: pupil.id }), '--db', file)).stdout) as { attachment: { fileName: string; size: number } | null }[]
    expect(history.map((h) => h.attachment)).toEqual([expect.objectContaining({ fileName: 'formulier zoë.pdf', size: readFileSync(scan).length })])

    const missing = await cli('call', 'consent.record', answer(`@${join(dir, 'weg.pdf')}`), '--db', file)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/weg\.pdf/)
    expect(JSON.parse((await cli('call', 'consent.history', JSON.stringify({ pupilId: pupil.id }), '--db', file)).stdout)).toHaveLength(1)
  })

  it('call nope.nope gives the Dutch unknown-method message', async () => {
    const r = await cli('call', 'nope.nope', '--db', join(dir, 'school.sqlite'))
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toBe('Deze opdracht bestaat niet in het programma.\n')
  })

  it('runs as `npm run cli` under Node type stripping, end to end', async () => {
    const file = join(dir, 'echt', 'school.sqlite')
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'cli', '--', 'init', '--db', file], {
      cwd: join(import.meta.dirname, '..', '..'),
      timeout: 60_000,
    })
    expect(JSON.parse(stdout)).toMatchObject({ schemaVersion: LATEST_VERSION, dbPath: file })
    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION)
    db.close()
  }, 60_000)
})
