// A database that cannot be written: a folder mounted read-only (which stops root too), a file made
// immutable with chattr +i, and a folder 555 with a file 444 for a user who is not root. Each
// time the app opens it read-only, everything can be read, every write gets a clear Dutch message,
// and the file is byte for byte what it was. Needs root on Linux; skips elsewhere, saying why.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, chownSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { listBackups, verifyBackup } from '../../electron/core/backup/backup.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { READ_ONLY_MESSAGES } from '../../electron/core/read-only.ts'
import type { ErrorInfo } from '../../shared/errors.ts'
import { fileInput } from '../imports/helpers.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'
import { integrity, missingRows, mountTmpfs, snapshot, whyNoMount, type Snapshot } from './helpers.ts'

silenceLog()
const REPO = resolve(import.meta.dirname, '..', '..')
const isRoot = process.platform === 'linux' && process.getuid?.() === 0
const noMount = whyNoMount()
const noChattr = !isRoot ? 'chattr +i needs root on Linux' : spawnSync('chattr', ['--help']).error ? 'chattr is not installed (apt-get install e2fsprogs)' : null
const NOBODY = 65_534
/** Whether user nobody can read the repo's CLI (a clone in a folder only root may enter, such as mktemp -d's, cannot). */
const nobodyReadsRepo = (): boolean => spawnSync(process.execPath, ['-e', 'require("node:fs").accessSync(process.argv[1])', join(REPO, 'electron', 'cli.ts')], { uid: NOBODY, gid: NOBODY }).status === 0
const noOtherUser = !isRoot ? 'running as another user needs root on Linux' : !nobodyReadsRepo() ? `user nobody cannot read ${REPO} (chmod 755 the folders above it)` : null
for (const [what, why] of [
  ['read-only mount', noMount],
  ['chattr +i', noChattr],
  ['other user', noOtherUser],
] as const) {
  if (why) console.error(`\n*** SKIPPED in tests/reliability/read-only.test.ts (${what}): ${why} ***\n`)
}
/** Under CI=true nothing is skipped: a reason to skip is a failure there. */
const skip = (why: string | null): boolean => why !== null && process.env.CI !== 'true'

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex')

interface School {
  pupilId: number
  purposeIds: number[]
  rows: Snapshot
  hash: string
}

/** A small school in a real file, closed cleanly (so the file alone is the whole database). */
async function makeSchool(dbPath: string): Promise<School> {
  const core = openCore({ dbPath, appVersion: 'test', now: () => new Date('2026-11-22T09:30:00Z') })
  try {
    await setUpEmptySchool(core)
    const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris' })
    const pupil = await ok(core, 'pupils.save', { firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07', studentNumber: '901', groupId: group.id })
    await ok(core, 'guardians.save', { pupilId: pupil.id, name: 'Ömer Yılmaz', relation: 'vader', phone: '0687654321' })
    const purposeIds = (await ok(core, 'purposes.list', {})).map((p) => p.id)
    await ok(core, 'consent.record', { pupilId: pupil.id, decisions: purposeIds.map((purposeId) => ({ purposeId, decision: 'refused' as const })), effectiveFrom: '2026-09-01', source: 'paper_form' })
    return { pupilId: pupil.id, purposeIds, rows: snapshot(core.ctx.db), hash: '' }
  } finally {
    core.close()
  }
}

/** Every door a user has to change something, tried on a database that cannot be written. */
async function tryEveryWrite(core: Core, school: School): Promise<Record<string, ErrorInfo | 'saved'>> {
  const attempts = {
    'settings.update': { schoolName: 'Overschreven' },
    'consent.record': { pupilId: school.pupilId, decisions: [{ purposeId: school.purposeIds[0], decision: 'granted' }], effectiveFrom: '2026-11-22', source: 'desk' },
    'pupils.save': { firstName: 'Sem', lastNamePrefix: 'de', lastName: 'Vries', birthDate: '2018-01-02' },
    'dossier.save': { pupilId: school.pupilId, kind: 'brief', title: 'Gesprek', body: 'Telefonisch', entryDate: '2026-11-22' },
    'backups.create': {},
    'imports.commit': { files: [fileInput('komma-utf8-bom.csv')] },
  }
  const out: Record<string, ErrorInfo | 'saved'> = {}
  for (const [method, input] of Object.entries(attempts)) {
    const r = await core.dispatch(method, input)
    out[method] = r.ok ? 'saved' : r.error
  }
  return out
}

/**
 * Opened, read, refused to write with the Dutch message, and the file untouched. A backup is no
 * change to the database: in a folder that can be written it is made (and is whole).
 */
async function expectReadOnlyButReadable(dbPath: string, school: School, folderWritable: boolean): Promise<void> {
  const core = openCore({ dbPath, appVersion: 'test', lock: 'hold' })
  try {
    expect(core.ctx.readOnly).toBe('unwritable')
    const info = await ok(core, 'app.info', {})
    expect(info.readOnly).toEqual({ reason: 'unwritable', message: READ_ONLY_MESSAGES.unwritable })
    // Reading: the pupil, her answers, the settings.
    const found = await ok(core, 'pupils.search', { query: 'zoe' })
    expect(JSON.stringify(found)).toContain('Zoë')
    expect((await ok(core, 'consent.history', { pupilId: school.pupilId })).length).toBeGreaterThan(0)
    expect(await ok(core, 'settings.get', {})).toMatchObject({ schoolName: 'OBS De Linde', staffName: 'Ans de Wit' })
    expect(missingRows(school.rows, snapshot(core.ctx.db))).toEqual({})
    // Writing: refused, each with a Dutch message that says why and what to do.
    const { 'backups.create': backup = 'saved', ...others } = await tryEveryWrite(core, school)
    expect(folderWritable ? backup : 'saved').toBe('saved')
    const results = folderWritable ? others : { ...others, 'backups.create': backup }
    for (const b of listBackups(dbPath)) expect(verifyBackup(b.file), b.name).toBe(true)
    for (const [method, result] of Object.entries(results)) {
      expect(result, method).not.toBe('saved')
      if (result === 'saved') continue
      expect(result.code, `${method}: ${result.message}`).toMatch(/^(read_only|io)$/)
      expect(result.message, method).toMatch(/alleen te lezen|beveiligd|rechten/)
      expect(result.message, method).not.toMatch(/SQLITE|EROFS|EPERM|EACCES|Error|\n\s+at /)
    }
    expect(results['consent.record']).toEqual({ code: 'read_only', message: READ_ONLY_MESSAGES.unwritable })
    expect(results['settings.update']).toEqual({ code: 'read_only', message: READ_ONLY_MESSAGES.unwritable })
  } finally {
    core.close()
  }
  // No lock file and no other file could be added, and the database is byte for byte the same.
  expect(sha256(dbPath)).toBe(school.hash)
}

/** The CLI on the same file: reads work (exit 0), a write is refused in Dutch (exit 1). */
async function expectCli(dbPath: string): Promise<void> {
  const run = async (...argv: string[]) => {
    let out = ''
    let err = ''
    const code = await main(argv, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) })
    return { code, out, err }
  }
  const read = await run('settings', '--db', dbPath)
  expect(read.code, read.err).toBe(0)
  expect(JSON.parse(read.out)).toMatchObject({ schoolName: 'OBS De Linde' })
  const write = await run('settings', '--school-name', 'Overschreven', '--db', dbPath)
  expect(write.code).toBe(1)
  expect(write.err.trim()).toBe(READ_ONLY_MESSAGES.unwritable)
}

describe.skipIf(skip(noMount))('a database in a folder mounted read-only (root cannot write there either)', () => {
  let fs: ReturnType<typeof mountTmpfs> | undefined
  let dbPath = ''
  let school: School

  beforeAll(async () => {
    if (noMount) throw new Error(`CI=true, but this test cannot run here: ${noMount}`)
    fs = mountTmpfs('tr-read-only-', '8m')
    dbPath = join(fs.dir, 'school.sqlite')
    school = await makeSchool(dbPath)
    school.hash = sha256(dbPath)
    fs.remount('ro')
  })

  afterAll(() => fs?.unmount())

  it('opens read-only: everything can be read, every write gets a Dutch message, the file is unchanged', async () => {
    expect(spawnSync('touch', [join(fs?.dir ?? '', 'probe')]).status).not.toBe(0) // really read-only, also for root
    await expectReadOnlyButReadable(dbPath, school, false)
    await expectCli(dbPath)
    expect(readdirSync(fs?.dir ?? '')).toEqual(['school.sqlite'])
  })

  it('once the folder can be written again, the database is as it was and opens normally', async () => {
    fs?.remount('rw')
    const core = openCore({ dbPath, appVersion: 'test' })
    try {
      expect(core.ctx.readOnly).toBeUndefined()
      expect(integrity(core.ctx.db)).toBe('ok')
      expect(missingRows(school.rows, snapshot(core.ctx.db))).toEqual({})
      expect(missingRows(snapshot(core.ctx.db), school.rows)).toEqual({})
      await ok(core, 'settings.update', { schoolName: 'OBS De Linde (weer schrijfbaar)' })
    } finally {
      core.close()
    }
  })
})

describe.skipIf(skip(noChattr))('a database file made immutable (chattr +i) in a folder that can be written', () => {
  let dir = ''
  let dbPath = ''
  let school: School

  beforeAll(async () => {
    if (noChattr) throw new Error(`CI=true, but this test cannot run here: ${noChattr}`)
    dir = mkdtempSync(join(tmpdir(), 'tr-immutable-'))
    dbPath = join(dir, 'school.sqlite')
    school = await makeSchool(dbPath)
    school.hash = sha256(dbPath)
    const r = spawnSync('chattr', ['+i', dbPath], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`chattr +i failed here: ${r.stderr}`)
  })

  afterAll(() => {
    if (dbPath) spawnSync('chattr', ['-i', dbPath])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('opens read-only with the message about write protection, not the one about another program', async () => {
    expect(spawnSync('lsattr', [dbPath], { encoding: 'utf8' }).stdout.split(' ')[0]).toContain('i') // really immutable
    await expectReadOnlyButReadable(dbPath, school, true)
    await expectCli(dbPath)
  })
})

describe.skipIf(skip(noOtherUser))('a folder 555 and a file 444, for a user who is not root (the usual case at a school)', () => {
  let dir = ''
  let dbPath = ''
  let school: School

  beforeAll(async () => {
    if (noOtherUser) throw new Error(`CI=true, but this test cannot run here: ${noOtherUser}`)
    dir = mkdtempSync(join(tmpdir(), 'tr-no-rights-'))
    dbPath = join(dir, 'school.sqlite')
    school = await makeSchool(dbPath)
    school.hash = sha256(dbPath)
    chownSync(dir, NOBODY, NOBODY)
    chownSync(dbPath, NOBODY, NOBODY)
    chmodSync(dbPath, 0o444)
    chmodSync(dir, 0o555)
  })

  afterAll(() => {
    if (dir) {
      chmodSync(dir, 0o755)
      rmSync(dir, { recursive: true, force: true })
    }
  })

  /** The real CLI as user nobody, in a child process. */
  const cliAsNobody = (...args: string[]) =>
    spawnSync(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'electron/cli.ts', ...args, '--db', dbPath], {
      cwd: REPO,
      uid: NOBODY,
      gid: NOBODY,
      encoding: 'utf8',
      env: { ...process.env, HOME: dir },
      timeout: 30_000,
    })

  it('the CLI reads (exit 0), refuses each write in Dutch (exit 1), and the file is unchanged', () => {
    const info = cliAsNobody('info')
    expect(info.status, info.stderr).toBe(0)
    expect(JSON.parse(info.stdout).readOnly).toEqual({ reason: 'unwritable', message: READ_ONLY_MESSAGES.unwritable })
    const read = cliAsNobody('call', 'pupils.search', '{"query":"zoe"}')
    expect(read.status, read.stderr).toBe(0)
    expect(read.stdout).toContain('Zoë')
    for (const args of [['call', 'consent.record', JSON.stringify({ pupilId: school.pupilId, decisions: [{ purposeId: school.purposeIds[0], decision: 'granted' }], effectiveFrom: '2026-11-22', source: 'desk' })]]) {
      const write = cliAsNobody(...args)
      expect(write.status, args.join(' ')).toBe(1)
      expect(write.stderr.trim(), args.join(' ')).toBe(READ_ONLY_MESSAGES.unwritable)
    }
    // The user's message is the last line (above it the CLI logs the error for whoever debugs it).
    const backup = cliAsNobody('backup')
    expect(backup.status).toBe(1)
    const message = backup.stderr.trim().split('\n').at(-1) ?? ''
    expect(message).toMatch(/^Er kon geen reservekopie worden gemaakt .* Er is niets gewijzigd\./)
    expect(message).not.toMatch(/SQLITE|EACCES|Error/)
    expect(sha256(dbPath)).toBe(school.hash)
    expect(readdirSync(dir)).toEqual(['school.sqlite'])
  })
})
