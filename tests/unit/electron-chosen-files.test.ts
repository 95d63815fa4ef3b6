// Files as paths in the desktop app: main's open dialog chooses the import's files (several at
// once), a dropped file's path comes from the preload, and the page only ever holds tokens. An
// import is a session: opened once with the tokens, then previewed and committed by its id. A mail,
// the school's logo, a signed form's scan and a dossier entry's attachments go by token only.
// Against the fake Electron and the real worker, like electron-restore-chosen.test.ts.
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UNKNOWN_FILE_MESSAGE } from '../../shared/files.contract.ts'
import { UNKNOWN_SESSION_MESSAGE } from '../../shared/imports.contract.ts'
import { invokeEvent, type FakeElectron } from '../helpers/fake-electron.ts'
import { openFakeDesktop, type FakeDesktop } from '../helpers/fake-desktop.ts'
import { makePng } from '../documents/helpers.ts'
import { fixture } from '../imports/helpers.ts'

type Answer = { ok: boolean; value?: Record<string, unknown> & { files?: { token: string; name: string; size: number }[] }; error?: { code: string; message: string } }

let desktop: FakeDesktop
let fake: FakeElectron
let dir: string

beforeEach(async () => {
  desktop = openFakeDesktop('tr-chosen-files-')
  fake = desktop.fake
  dir = desktop.dir
  mkdirSync(fake.app.paths.documents as string)
  await desktop.start()
  const setup = await api('school.setup', { mode: 'empty', schoolName: 'OBS De Linde', staffName: 'Ans de Wit' })
  if (!setup.ok) throw new Error(setup.error?.message)
}, 60_000)
afterEach(() => desktop.close())

const api = (method: string, input: unknown): Promise<Answer> => desktop.api(method, input)
const dropped = (path: string, name: string): Promise<Answer> => desktop.dropped(path, name)

/** A copy of an import fixture in the user's Documents folder, where the dialog opens. */
function inDocuments(name: string): string {
  const path = join(fake.app.paths.documents as string, name)
  copyFileSync(fixture(name), path)
  return path
}

describe('files chosen in main, imported as a session', () => {
  it('the open dialog chooses two files; the session is opened once with their tokens and previewed and committed by its id', async () => {
    const csv = inDocuments('komma-utf8-bom.csv')
    const form = inDocuments('inschrijfformulier-zoe.xlsx')
    fake.dialog.openAnswer = { canceled: false, filePaths: [csv, form] }
    const chosen = await api('files.choose', { purpose: 'import' })
    expect(fake.dialog.openDialogs.at(-1)).toMatchObject({ parent: fake.windows[0], options: { properties: ['openFile', 'multiSelections'], defaultPath: fake.app.paths.documents } })
    const files = chosen.value?.files ?? []
    expect(files.map((f) => f.name)).toEqual(['komma-utf8-bom.csv', 'inschrijfformulier-zoe.xlsx'])
    // The page learns a token, a name and a size: never where the file lies.
    expect(JSON.stringify(chosen)).not.toContain(fake.app.paths.documents as string)

    const opened = await api('imports.open', { files: files.map((f) => ({ token: f.token })) })
    expect(opened).toMatchObject({ ok: true, value: { session: expect.stringMatching(/^s-/), files: [{ ok: true }, { ok: true }] } })
    const session = opened.value?.session as string
    const preview = await api('imports.preview', { session })
    expect(preview).toMatchObject({ ok: true, value: { summary: { filesFailed: 0 } } })
    const pupils = (preview.value?.summary as { pupils: number } | undefined)?.pupils ?? 0
    expect(pupils).toBeGreaterThan(3)
    const commit = await api('imports.commit', { session })
    expect(commit).toMatchObject({ ok: true, value: { batch: { counts: { pupilsCreated: pupils } } } })
    expect(((await api('pupils.list', {})).value as unknown as unknown[]).length).toBe(pupils)
  }, 60_000)

  it('a cancelled dialog gives no files; a dropped file gets a token through main, a made-up token or path is refused in Dutch', async () => {
    fake.dialog.openAnswer = { canceled: true, filePaths: [] }
    expect(await api('files.choose', { purpose: 'import' })).toEqual({ ok: true, value: { files: [] } })

    const csv = inDocuments('komma-utf8-bom.csv')
    const drop = await dropped(csv, 'inschrijvingen/komma-utf8-bom.csv')
    expect(drop).toMatchObject({ ok: true, value: { name: 'inschrijvingen/komma-utf8-bom.csv', token: expect.stringMatching(/^f-/) } })
    const opened = await api('imports.open', { files: [{ token: (drop.value as { token: string }).token }] })
    expect(opened).toMatchObject({ ok: true, value: { files: [{ file: 'inschrijvingen/komma-utf8-bom.csv', ok: true }] } })

    expect(await api('imports.open', { files: [{ token: 'f-aaaaaaaaaaaaaaaaaaaaaaaa' }] })).toEqual({ ok: false, error: { code: 'not_found', message: UNKNOWN_FILE_MESSAGE } })
    expect(await api('imports.open', { files: [{ token: '/etc/passwd' }] })).toMatchObject({ ok: false, error: { code: 'validation' } })
    // A File made in the page has no path (''), a folder is no file: refused, nothing registered.
    expect(await dropped('', 'x.csv')).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/geen bestand/) } })
    expect(await dropped(dir, 'map')).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/geen bestand/) } })
    expect((await fake.ipcMain.fromPage('file', invokeEvent({ url: 'https://evil.example/' }), csv, 'x.csv')) as Answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  }, 60_000)

  it('an unknown session asks to choose the files again; a new session ends the one before; a restore ends them all', async () => {
    expect(await api('imports.preview', { session: 's-aaaaaaaaaaaaaaaaaaaaaaaa' })).toEqual({ ok: false, error: { code: 'not_found', message: UNKNOWN_SESSION_MESSAGE } })
    const token = ((await dropped(inDocuments('komma-utf8-bom.csv'), 'komma-utf8-bom.csv')).value as { token: string }).token
    const first = (await api('imports.open', { files: [{ token }] })).value?.session as string
    const second = (await api('imports.open', { files: [{ token }] })).value?.session as string
    expect(await api('imports.preview', { session: first })).toMatchObject({ ok: false, error: { message: UNKNOWN_SESSION_MESSAGE } })
    expect(await api('imports.preview', { session: second })).toMatchObject({ ok: true })

    const backups = (await api('backups.create', {})).value as { folder: string; backups: { name: string; reason: string }[] }
    const copy = join(dir, 'kopie.sqlite')
    copyFileSync(join(backups.folder, backups.backups[0]!.name), copy)
    const restoreToken = ((await dropped(copy, 'kopie.sqlite')).value as { token: string }).token
    expect(await api('backups.restoreFile', { token: restoreToken })).toMatchObject({ ok: true, value: { restoredFrom: 'kopie.sqlite' } })
    expect(await api('imports.preview', { session: second })).toMatchObject({ ok: false, error: { message: UNKNOWN_SESSION_MESSAGE } })
  }, 60_000)

  it("the school's logo is chosen in main's open dialog (one PNG or JPG) and saved by its token", async () => {
    const png = makePng(60, 30)
    const path = join(fake.app.paths.documents as string, 'logo.png')
    writeFileSync(path, png)
    fake.dialog.openAnswer = { canceled: false, filePaths: [path] }
    const chosen = await api('files.choose', { purpose: 'logo' })
    expect(fake.dialog.openDialogs.at(-1)).toMatchObject({ options: { properties: ['openFile'], filters: [{ extensions: ['png', 'jpg', 'jpeg'] }] } })
    const token = chosen.value?.files?.[0]?.token
    expect(chosen.value?.files).toEqual([{ token, name: 'logo.png', size: png.length }])
    expect(await api('documents.saveSettings', { logo: { token } })).toMatchObject({ ok: true, value: { logo: { mimeType: 'image/png', size: png.length } } })
    expect(await api('documents.saveSettings', { logo: { fileName: 'logo.png', data: png.toString('base64') } })).toMatchObject({ ok: false, error: { code: 'validation' } })
  }, 60_000)

  it('a dropped e-mail is read by its token where it lies; a mail sent along as bytes is refused', async () => {
    const eml = join(dir, 'antwoord.eml')
    copyFileSync(join(import.meta.dirname, '..', 'fixtures', 'mail', 'toestemming-website-nee.eml'), eml)
    const token = ((await dropped(eml, 'antwoord.eml')).value as { token: string }).token
    const byToken = await api('mail.read', { mail: { token } })
    expect(byToken).toMatchObject({ ok: true, value: { fileName: 'antwoord.eml', size: readFileSync(eml).length } })
    const sent = await api('mail.read', { mail: { fileName: 'antwoord.eml', data: readFileSync(eml).toString('base64') } })
    expect(sent).toMatchObject({ ok: false, error: { code: 'validation' } })
  }, 60_000)

  it("a signed form's scan is chosen in main's open dialog (one PDF, JPG or PNG) and kept with the answer by its token; one of 6 GB is refused by its size, nothing recorded", async () => {
    const pupil = (await api('pupils.save', { firstName: 'Zoë', lastName: 'Berg', lastNamePrefix: 'van der' })).value as { id: number }
    const website = ((await api('purposes.list', {})).value as unknown as { id: number; code: string }[]).find((p) => p.code === 'website')
    const png = makePng(40, 50)
    const path = join(fake.app.paths.documents as string, 'formulier-zoë.png')
    writeFileSync(path, png)
    fake.dialog.openAnswer = { canceled: false, filePaths: [path] }
    const chosen = await api('files.choose', { purpose: 'signedForm' })
    expect(fake.dialog.openDialogs.at(-1)).toMatchObject({
      options: { title: 'Scan van het ondertekende formulier kiezen', properties: ['openFile'], filters: [{ extensions: ['pdf', 'jpg', 'jpeg', 'png'] }] },
    })
    const token = chosen.value?.files?.[0]?.token
    expect(chosen.value?.files).toEqual([{ token, name: 'formulier-zoë.png', size: png.length }])
    const answer = { pupilId: pupil.id, decisions: [{ purposeId: website?.id, decision: 'refused' }], effectiveFrom: '2026-11-30', source: 'paper_form' }
    expect(await api('consent.record', { ...answer, attachment: { token } })).toMatchObject({ ok: true })
    const [record] = (await api('consent.history', { pupilId: pupil.id })).value as unknown as { attachment: { fileName: string; size: number } }[]
    expect(record?.attachment).toMatchObject({ fileName: 'formulier-zoë.png', size: png.length })

    const huge = join(fake.app.paths.documents as string, 'hele-map.pdf')
    writeFileSync(huge, '')
    truncateSync(huge, 6 * 1024 ** 3)
    fake.dialog.openAnswer = { canceled: false, filePaths: [huge] }
    const big = (await api('files.choose', { purpose: 'signedForm' })).value?.files?.[0]
    expect(big?.size).toBe(6 * 1024 ** 3)
    const started = performance.now()
    expect(await api('consent.record', { ...answer, attachment: { token: big?.token } })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('hele-map.pdf is groter dan 20 MB. Er is niets opgeslagen.') },
    })
    expect(performance.now() - started).toBeLessThan(2000)
    expect((await api('consent.history', { pupilId: pupil.id })).value).toHaveLength(1)
    expect(await api('consent.record', { ...answer, attachment: { fileName: 'formulier.png', mimeType: 'image/png', data: png.toString('base64') } })).toMatchObject({ ok: false, error: { code: 'validation' } })
  }, 60_000)

  it("a dossier entry's attachments are chosen several at once in main's open dialog and kept by their tokens", async () => {
    const pupil = (await api('pupils.save', { firstName: 'Łukasz', lastName: 'Nowak' })).value as { id: number }
    const letter = join(fake.app.paths.documents as string, 'brief.pdf')
    const photo = join(fake.app.paths.documents as string, 'foto.png')
    writeFileSync(letter, '%PDF-1.4\n%%EOF\n')
    writeFileSync(photo, makePng(8, 8))
    fake.dialog.openAnswer = { canceled: false, filePaths: [letter, photo] }
    const chosen = await api('files.choose', { purpose: 'dossier' })
    expect(fake.dialog.openDialogs.at(-1)).toMatchObject({
      options: { title: 'Bijlagen voor het dossier kiezen', properties: ['openFile', 'multiSelections'], filters: [{ extensions: ['pdf', 'jpg', 'jpeg', 'png'] }] },
    })
    const files = chosen.value?.files ?? []
    expect(files.map((f) => f.name)).toEqual(['brief.pdf', 'foto.png'])
    const saved = await api('dossier.save', { pupilId: pupil.id, entryDate: '2026-11-30', kind: 'brief', title: 'Brief', attachments: files.map((f) => ({ token: f.token })) })
    expect(saved).toMatchObject({
      ok: true,
      value: {
        attachments: [
          { fileName: 'brief.pdf', mimeType: 'application/pdf' },
          { fileName: 'foto.png', mimeType: 'image/png' },
        ],
      },
    })
  }, 60_000)
})
