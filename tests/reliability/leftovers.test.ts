// Leftovers: a restore or backup cut short (the process killed) leaves whole copies of the register
// in backups/, unlisted. The next start that may write removes them, with their -wal, -shm and
// -journal files; the work of a process that still runs, the backups themselves and a damaged file
// kept aside stay. One case kills a real CLI restore with SIGKILL once its copies are on disk.
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { backupNow, listBackups } from '../../electron/core/backup/backup.ts'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok } from '../helpers/register.ts'
import { counts, integrity } from './helpers.ts'

silenceLog()
const REPO = resolve(import.meta.dirname, '..', '..')
const NOW = new Date('2026-11-22T08:00:00Z')
let work = ''
let demo = ''
let sleeper: ReturnType<typeof spawn> | undefined

/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', ''])
  if (r.pid === undefined) throw new Error('no child')
  return r.pid
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tr-leftovers-'))
  demo = join(work, 'demo.sqlite')
  const core = openCore({ dbPath: demo, appVersion: 'test', now: () => NOW })
  await ok(core, 'school.setup', { mode: 'demo' })
  core.close()
  sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' })
})
afterAll(() => {
  sleeper?.kill('SIGKILL')
  if (work) rmSync(work, { recursive: true, force: true })
})

/** A register (the demo school) in a folder of its own, with one real backup. */
async function register(name: string): Promise<{ db: string; backups: string }> {
  const dir = join(work, name)
  mkdirSync(dir)
  const db = join(dir, 'school.sqlite')
  copyFileSync(demo, db)
  const core = openCore({ dbPath: db, appVersion: 'test', now: () => NOW })
  await backupNow(core.ctx, 'manual')
  core.close()
  return { db, backups: join(dir, 'backups') }
}

/** Leftovers of process `pid`, as a killed restore and a killed backup leave them. */
function leftoversOf(backups: string, pid: number): string[] {
  const names = [
    `.restore-${pid}-1764576000000-1-bron.sqlite`,
    `.restore-${pid}-1764576000000-1-nieuw.sqlite`,
    `.restore-${pid}-1764576000000-1-nieuw.sqlite-journal`,
    `.p${pid}-toestemmingsregister-20261122-080000-000-import.sqlite.part`,
    `.p${pid}-toestemmingsregister-20261122-080000-000-import.sqlite.part-wal`,
    `.p${pid}-toestemmingsregister-20261122-080000-000-import.sqlite.part-shm`,
  ]
  for (const n of names) copyFileSync(demo, join(backups, n))
  return names
}

describe('unfinished restore and backup files', () => {
  it('are removed at the next start, with their side files; backups, a damaged copy and a living process’s work stay', async () => {
    const { db, backups } = await register('hand')
    const kept = readdirSync(backups)
    const first = openCore({ dbPath: db, appVersion: 'test', now: () => NOW })
    const before = counts(first.ctx.db)
    first.close()
    const dead = leftoversOf(backups, deadPid())
    const legacy = '.toestemmingsregister-20261121-080000-000-manual.sqlite.part' // from before names carried a process id
    writeFileSync(join(backups, legacy), 'half')
    writeFileSync(join(backups, 'beschadigd-20261120-080000-000.sqlite'), 'kept aside on purpose')
    const living = leftoversOf(backups, sleeper?.pid ?? 0)

    const core = openCore({ dbPath: db, appVersion: 'test', now: () => NOW, lock: 'hold' })
    const left = readdirSync(backups).sort()
    expect(left).toEqual([...kept, 'beschadigd-20261120-080000-000.sqlite', ...living].sort())
    for (const n of [...dead, legacy]) expect(left).not.toContain(n)
    expect(integrity(core.ctx.db)).toBe('ok')
    expect(counts(core.ctx.db)).toEqual(before)
    core.close()
  })

  it('stay while another app holds the register: a read-only start removes nothing', async () => {
    const { db, backups } = await register('locked')
    const dead = leftoversOf(backups, deadPid())
    writeFileSync(`${db}.lock`, JSON.stringify({ pid: sleeper?.pid, startedAt: NOW.toISOString() }))
    const core = openCore({ dbPath: db, appVersion: 'test', lock: 'respect' })
    expect(core.ctx.readOnly).toBe('locked')
    expect(readdirSync(backups)).toEqual(expect.arrayContaining(dead))
    core.close()
  })

  it('a CLI restore killed midway (once its copies are on disk) leaves the register intact, and the next start removes its copies', async () => {
    const { db, backups } = await register('killed')
    // A register large enough that filling the fresh copy takes a while: 150,000 log lines.
    const big = openCore({ dbPath: db, appVersion: 'test', now: () => NOW })
    big.ctx.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000)
      INSERT INTO audit_log (at, actor, action, entity, entity_id, old_value, new_value)
      SELECT '2026-11-22T08:00:00.000Z', 'Ans de Wit', 'settings.update', 'settings', i, printf('%0300d', i), printf('%0300d', i) FROM n`)
    const chosen = join(work, 'killed', 'groot.sqlite')
    await big.ctx.db.backup(chosen)
    const wanted = counts(big.ctx.db)
    big.close()
    const started = readdirSync(backups)

    const child = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'electron/cli.ts', 'restore', chosen, '--db', db], { cwd: REPO, stdio: 'ignore' })
    let seen: string[] = []
    const watch = setInterval(() => {
      const copies = readdirSync(backups).filter((f) => f.startsWith('.restore-'))
      if (seen.length === 0 && copies.some((f) => statSync(join(backups, f), { throwIfNoEntry: false })?.size)) {
        seen = readdirSync(backups).filter((f) => f.startsWith('.restore-'))
        child.kill('SIGKILL')
      }
    }, 1)
    const signal = await new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_, s) => done(s)))
    clearInterval(watch)
    expect(signal, 'killed during the restore').toBe('SIGKILL')
    expect(seen.length, 'the restore left its copies').toBeGreaterThan(0)
    expect(readdirSync(backups).some((f) => f.startsWith('.restore-'))).toBe(true)

    const core = openCore({ dbPath: db, appVersion: 'test', lock: 'hold' })
    expect(core.ctx.readOnly).toBeUndefined()
    expect(readdirSync(backups).filter((f) => f.startsWith('.'))).toEqual([])
    expect(listBackups(db).map((b) => b.name)).toEqual(started)
    expect(integrity(core.ctx.db)).toBe('ok')
    expect(counts(core.ctx.db)).toEqual(wanted)
    expect(existsSync(chosen)).toBe(true)
    core.close()
  }, 60_000)
})
