// What the app leaves in the temp folder, looked at as a user (or someone at the same computer
// later) would: documents opened with 'Openen', a database export, an uploaded backup. The desktop
// app runs against the fake Electron; TMPDIR points the temp folder at a folder of this test.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import type { FakeElectron } from '../helpers/fake-electron.ts'
import { openFakeDesktop, type FakeDesktop } from '../helpers/fake-desktop.ts'

let desktop: FakeDesktop
let fake: FakeElectron
let dir: string
let tmp: string

beforeEach(() => {
  // The temporary folder inside the test's own: os.tmpdir() reads TMPDIR on every call.
  desktop = openFakeDesktop('tr-temp-files-', (d) => ({ TMPDIR: join(d, 'tmp') }))
  fake = desktop.fake
  dir = desktop.dir
  tmp = join(dir, 'tmp')
  mkdirSync(tmp)
})
afterEach(() => desktop.close())

const startApp = (): Promise<void> => desktop.start()
const api = (method: string, input: unknown) => desktop.api(method, input)

/** Every file under the temp folder, relative to it. */
function filesIn(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort()
}

/** The id of a process that has ended. */
const endedPid = (): number => spawnSync(process.execPath, ['-e', '']).pid ?? 999_999

describe('temp folder: files written only to be opened', () => {
  it("documents opened with 'Openen' are in one folder of this run, and gone when the app closes", async () => {
    await startApp()
    expect((await api('school.setup', { mode: 'demo' })).ok).toBe(true)
    const groups = (await api('groups.list', {})).value as { id: number; name: string }[]
    const list = await api('documents.classList', { groupId: groups[0]?.id, delivery: 'open' })
    const forms = await api('documents.noConsentList', { groupIds: [groups[0]?.id], delivery: 'open' })
    const opened = [list, forms].map((r) => (r.value as { path: string }).path)
    expect(fake.shell.opened).toEqual(opened)
    for (const path of opened) {
      expect(existsSync(path)).toBe(true)
      expect(relative(tmp, path)).toMatch(new RegExp(`^toestemmingsregister/run-${process.pid}-[^/]+/f-[^/]+/[^/]+\\.pdf$`))
    }
    // A database export is made in the same folder and removed once it is saved.
    fake.dialog.saveAnswer = { canceled: false, filePath: join(dir, 'kopie.sqlite') }
    expect(await api('backups.export', { delivery: 'save' })).toMatchObject({ ok: true, value: { delivered: 'saved' } })
    expect(filesIn(tmp)).toHaveLength(2)

    fake.app.quit()
    for (const path of opened) expect(existsSync(path)).toBe(false)
    expect(filesIn(tmp)).toEqual([])
    expect(readdirSync(join(tmp, 'toestemmingsregister'))).toEqual([])
  })

  it('a restore from an uploaded file leaves nothing in the temp folder', async () => {
    await startApp()
    expect((await api('school.setup', { mode: 'demo' })).ok).toBe(true)
    const exported = (await api('backups.export', { delivery: 'data' })).value as { data: string }
    const restored = await api('backups.restoreUpload', { fileName: 'kopie.sqlite', data: exported.data })
    expect(restored.ok).toBe(true)
    expect(filesIn(tmp)).toEqual([])
  })

  it('at the next start, what earlier runs left is removed; the folders of a run still going and of other programs stay', async () => {
    const root = join(tmp, 'toestemmingsregister')
    const put = (path: string): void => {
      mkdirSync(join(path, '..'), { recursive: true })
      writeFileSync(path, 'Zoë van der Berg, 06-12345678')
    }
    const crashed = endedPid()
    put(join(root, `run-${crashed}-a1b2c3`, 'f-x1y2z3', 'klassenlijst-groep-5-2026-11-30.pdf'))
    put(join(root, `run-${process.pid}-d4e5f6`, 'f-x1y2z3', 'leerlingdossier-Zoe.zip')) // this pid, but an earlier run
    put(join(root, `run-${process.ppid}-g7h8i9`, 'f-x1y2z3', 'nog-open.pdf')) // a run that is still going (another window's CLI)
    // Left by an earlier version, yesterday; one from a minute ago may still be in use.
    put(join(tmp, 'toestemmingsregister-Ab12Cd', 'geen-toestemming-groep-5.pdf'))
    put(join(tmp, 'toestemmingsregister-export-Xy34Zw', 'export.sqlite'))
    put(join(tmp, 'toestemmingsregister-Nu12Nu', 'klassenlijst.pdf'))
    const yesterday = new Date(Date.now() - 86_400_000)
    for (const name of ['toestemmingsregister-Ab12Cd', 'toestemmingsregister-export-Xy34Zw']) utimesSync(join(tmp, name), yesterday, yesterday)
    put(join(tmp, 'toestemmingsregister-samples', 'voorbeeld.pdf')) // a developer's script: not ours to remove
    put(join(tmp, 'ander-programma', 'brief.pdf'))

    await startApp()
    expect(filesIn(tmp)).toEqual([
      'ander-programma/brief.pdf',
      'toestemmingsregister-Nu12Nu/klassenlijst.pdf',
      `toestemmingsregister-samples/voorbeeld.pdf`,
      `toestemmingsregister/run-${process.ppid}-g7h8i9/f-x1y2z3/nog-open.pdf`,
    ])
  })
})

describe('temp folder: not one someone else prepared', () => {
  it('a temp folder that is a link elsewhere is refused with a Dutch message, and nothing is written there', async () => {
    const elsewhere = join(dir, 'elders')
    mkdirSync(elsewhere)
    symlinkSync(elsewhere, join(tmp, 'toestemmingsregister'))
    const opened: string[] = []
    const core = openCore({ dbPath: join(dir, 'core.sqlite'), appVersion: 'test', desktop: { chooseSavePath: async () => undefined, openPath: async (p) => void opened.push(p) } })
    try {
      expect((await core.dispatch('school.setup', { mode: 'demo' })).ok).toBe(true)
      const groups = (await core.dispatch('groups.list', {})) as { value: { id: number }[] }
      const r = await core.dispatch('documents.classList', { groupId: groups.value[0]?.id ?? 0, delivery: 'open' })
      expect(r).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringMatching(/is niet van dit programma\. Er is niets geopend of gewijzigd\. Kies 'Opslaan als'/) } })
      expect(opened).toEqual([])
      expect(readdirSync(elsewhere)).toEqual([])
    } finally {
      core.close()
    }
  })
})
