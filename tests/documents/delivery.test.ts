import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../../electron/core/documents/write-file.ts'
import { createDesktop } from '../../electron/main/desktop.ts'
import { createFakeElectron, type FakeElectron } from '../helpers/fake-electron.ts'
import { ok } from '../helpers/register.ts'
import { documentSchool } from './helpers.ts'

let dir: string
let fake: FakeElectron
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-deliver-'))
  fake = createFakeElectron()
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const desktop = (win?: unknown) =>
  createDesktop(
    { dialog: fake.dialog, shell: fake.shell },
    () => win as BrowserWindow | undefined,
    () => '/home/ans/Documenten',
  )

describe('desktop: save dialog and system viewer (main/desktop.ts against the fake electron)', () => {
  it('asks where to save, on the window, with the name and type; a cancel is undefined', async () => {
    const win = { id: 1 }
    fake.dialog.saveAnswer = { canceled: false, filePath: '/home/ans/Documenten/lijst.pdf' }
    expect(await desktop(win).chooseSavePath('lijst.pdf', [{ name: 'PDF-document', extensions: ['pdf'] }])).toBe('/home/ans/Documenten/lijst.pdf')
    expect(fake.dialog.saveDialogs).toEqual([
      {
        parent: win,
        options: {
          title: 'Opslaan als',
          buttonLabel: 'Opslaan',
          defaultPath: '/home/ans/Documenten/lijst.pdf',
          filters: [{ name: 'PDF-document', extensions: ['pdf'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      },
    ])
    fake.dialog.saveAnswer = { canceled: true, filePath: '' }
    expect(await desktop().chooseSavePath('lijst.pdf', [])).toBeUndefined()
    expect(fake.dialog.saveDialogs[1]?.parent).toBeNull()
  })

  it('opens a file in the system viewer, and turns its error text into a rejection', async () => {
    await desktop().openPath('/tmp/x.pdf')
    expect(fake.shell.opened).toEqual(['/tmp/x.pdf'])
    fake.shell.failWith = 'Failed to open path'
    await expect(desktop().openPath('/tmp/y.pdf')).rejects.toThrow('Failed to open path')
  })
})

describe('documents reach the user', () => {
  it("'save' writes the file where the user chose; 'open' writes a temporary copy and opens it; a cancel writes nothing", async () => {
    const s = await documentSchool()
    s.core.ctx.desktop = desktop()
    const target = join(dir, 'klassenlijst.csv')
    fake.dialog.saveAnswer = { canceled: false, filePath: target }
    const saved = await ok(s.core, 'documents.classList', { groupId: s.group.id, format: 'csv', delivery: 'save' })
    expect(saved).toEqual({ delivered: 'saved', path: target, fileName: 'klassenlijst-groep-5-2026-11-22.csv', mimeType: 'text/csv', count: 5, countLabel: 'regels' })
    expect(readFileSync(target, 'utf8')).toContain('Berg, Zoë van der')
    expect(fake.dialog.saveDialogs[0]?.options).toMatchObject({ defaultPath: '/home/ans/Documenten/klassenlijst-groep-5-2026-11-22.csv', filters: [{ name: 'CSV voor Excel', extensions: ['csv'] }] })
    expect(readdirSync(dir)).toEqual(['klassenlijst.csv']) // no temporary file left behind

    const opened = await ok(s.core, 'documents.noConsentList', { groupIds: [s.group.id], delivery: 'open' })
    expect(opened).toMatchObject({ delivered: 'opened', fileName: 'wie-mag-niet-op-de-foto-groep-5-2026-11-22.pdf' })
    const path = (opened as { path: string }).path
    expect(fake.shell.opened).toEqual([path])
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-')
    rmSync(dirname(path), { recursive: true, force: true })

    fake.dialog.saveAnswer = { canceled: true, filePath: '' }
    expect(await ok(s.core, 'documents.dossier', { pupilId: s.zoe.id, delivery: 'save' })).toEqual({ delivered: 'cancelled' })
    expect(s.core.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'dossier.export'`).pluck().get()).toBe(0)
  })

  it("the import's workbooks (rows with errors, the empty enrolment form) are saved and opened as documents are, not handed to the page", async () => {
    const s = await documentSchool()
    s.core.ctx.desktop = desktop()
    const csv = ['Roepnaam;Achternaam;Geboortedatum;Groep', 'Fleur;Jansen;31-02-2015;5'].join('\r\n')
    const target = join(dir, 'fouten.xlsx')
    fake.dialog.saveAnswer = { canceled: false, filePath: target }
    const saved = await ok(s.core, 'imports.rejectedRows', { files: [{ name: 'aanmelding.csv', data: Buffer.from(csv, 'utf8').toString('base64') }], delivery: 'save' })
    expect(saved).toEqual({ delivered: 'saved', path: target, fileName: 'afgekeurde-rijen.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', count: 1, countLabel: 'rij' })
    expect(fake.dialog.saveDialogs[0]?.options).toMatchObject({ filters: [{ name: 'Excel-werkmap', extensions: ['xlsx'] }] })
    expect(readFileSync(target).subarray(0, 2).toString('latin1')).toBe('PK')

    const opened = await ok(s.core, 'imports.template', { delivery: 'open' })
    expect(opened).toMatchObject({ delivered: 'opened', fileName: 'inschrijfformulier.xlsx' })
    expect('data' in opened).toBe(false)
    const path = (opened as { path: string }).path
    expect(fake.shell.opened).toEqual([path])
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK')
    rmSync(dirname(path), { recursive: true, force: true })
  })

  it('a viewer that will not open says where the file is', async () => {
    const s = await documentSchool()
    s.core.ctx.desktop = desktop()
    fake.shell.failWith = 'No application is associated'
    const r = await s.core.dispatch('documents.classList', { groupId: s.group.id, delivery: 'open' })
    expect(r).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringMatching(/^Het bestand is gemaakt, maar kon niet worden geopend\. .* Het staat nu in .*klassenlijst-groep-5-2026-11-22\.pdf\.$/) } })
  })

  it('without a desktop (web harness) every delivery returns the bytes', async () => {
    const s = await documentSchool()
    const r = await ok(s.core, 'documents.classList', { groupId: s.group.id, format: 'vcf', delivery: 'save' })
    expect(r).toMatchObject({ delivered: 'data', mimeType: 'text/vcard', count: 3, countLabel: 'contactpersonen' })
  })

  it('a folder that does not exist: a clear Dutch message, nothing written', async () => {
    const s = await documentSchool()
    s.core.ctx.desktop = desktop()
    const target = join(dir, 'weg', 'lijst.pdf')
    fake.dialog.saveAnswer = { canceled: false, filePath: target }
    const r = await s.core.dispatch('documents.classList', { groupId: s.group.id, delivery: 'save' })
    expect(r).toEqual({ ok: false, error: { code: 'io', message: `Het bestand kon niet worden opgeslagen als ${target}. De map ${join(dir, 'weg')} bestaat niet (meer). Kies een andere map.` } })
    expect(existsSync(target)).toBe(false)
  })

  it('a target that is a folder: refused, the folder and its contents intact, no temporary file left', async () => {
    const target = join(dir, 'lijst.pdf')
    mkdirSync(target)
    writeFileSync(join(target, 'inhoud.txt'), 'blijft')
    await expect(writeFileAtomic(target, Buffer.from('%PDF-'))).rejects.toThrow(/Het bestand kon niet worden opgeslagen als .*lijst\.pdf\./)
    expect(readFileSync(join(target, 'inhoud.txt'), 'utf8')).toBe('blijft')
    expect(readdirSync(dir)).toEqual(['lijst.pdf'])
  })
})
