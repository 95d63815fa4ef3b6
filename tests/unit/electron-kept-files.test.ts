// A parent's e-mail and its scan, kept as proof, opened and saved in the desktop app as the office
// does it: over IPC from our page, through main's save dialog and the system's viewer (the fake
// Electron) with the real core worker. The copy opened lives in this run's temp folder and is gone
// when the app closes; a cancel and a viewer that fails are answered in Dutch where it was clicked.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ConsentRecordView, PupilSummary } from '../../shared/domain.ts'
import type { FakeElectron } from '../helpers/fake-electron.ts'
import { openFakeDesktop, type FakeDesktop } from '../helpers/fake-desktop.ts'

const EML = join(import.meta.dirname, '../fixtures/mail/toestemming-website-nee.eml')

let desktop: FakeDesktop
let fake: FakeElectron
let dir: string
let tmp: string

beforeEach(() => {
  desktop = openFakeDesktop('tr-kept-files-', (d) => ({ TMPDIR: join(d, 'tmp') }))
  fake = desktop.fake
  dir = desktop.dir
  tmp = join(dir, 'tmp')
  mkdirSync(tmp)
})
afterEach(() => desktop.close())

async function value<V>(method: string, input: unknown): Promise<V> {
  const r = await desktop.api<V>(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error?.message}`)
  return r.value as V
}

/** The demo school, with a mail dropped on its first pupil and 'website: nee' recorded from it. */
async function recordedFromMail(): Promise<ConsentRecordView> {
  await desktop.start()
  await value('school.setup', { mode: 'demo' })
  const [pupil] = await value<PupilSummary[]>('pupils.list', {})
  const path = join(dir, 'Toestemming Zoë.eml')
  copyFileSync(EML, path)
  const dropped = await desktop.dropped<{ token: string }>(path, 'Toestemming Zoë.eml')
  const website = (await value<{ id: number; code: string }[]>('purposes.list', {})).find((p) => p.code === 'website')
  await value('mail.record', { pupilId: pupil?.id, mail: { token: dropped.value?.token }, decisions: [{ purposeId: website?.id, decision: 'refused' }] })
  const [last] = await value<ConsentRecordView[]>('consent.history', { pupilId: pupil?.id })
  if (!last?.attachment || !last.mail) throw new Error('no proof kept')
  return last
}

describe('main: kept files reach the desktop', () => {
  it("'Openen' opens a copy from this run's temp folder in the viewer and the mail program; closing the app removes them", async () => {
    const record = await recordedFromMail()
    const scan = await value<{ delivered: string; path: string }>('attachments.get', { id: record.attachment?.id, delivery: 'open' })
    const mail = await value<{ delivered: string; path: string; mimeType: string }>('mail.get', { id: record.mail?.id, delivery: 'open' })
    expect(fake.shell.opened).toEqual([scan.path, mail.path])
    expect(relative(tmp, scan.path)).toMatch(new RegExp(`^toestemmingsregister/run-${process.pid}-[^/]+/f-[^/]+/toestemmingsformulier-zoe\\.pdf$`))
    expect(relative(tmp, mail.path)).toMatch(/\/Toestemming Zoë\.eml$/)
    expect(mail.mimeType).toBe('message/rfc822')
    expect(readFileSync(mail.path).equals(readFileSync(EML))).toBe(true)
    expect(readFileSync(scan.path).subarray(0, 5).toString('latin1')).toBe('%PDF-')
    fake.app.quit()
    expect(existsSync(scan.path) || existsSync(mail.path)).toBe(false)
  })

  it("'Opslaan als…' asks on the window with the file's type and writes it; a cancel is no error and writes nothing", async () => {
    const record = await recordedFromMail()
    const target = join(dir, 'Documenten', 'bewijs.pdf')
    mkdirSync(join(dir, 'Documenten'), { recursive: true })
    fake.dialog.saveAnswer = { canceled: false, filePath: target }
    expect(await desktop.api('attachments.get', { id: record.attachment?.id, delivery: 'save' })).toMatchObject({ ok: true, value: { delivered: 'saved', path: target } })
    expect(fake.dialog.saveDialogs[0]?.parent).toBe(fake.windows[0])
    expect(fake.dialog.saveDialogs[0]?.options).toMatchObject({ filters: [{ name: 'PDF-document', extensions: ['pdf'] }] })
    expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-')

    fake.dialog.saveAnswer = { canceled: true, filePath: '' }
    expect(await desktop.api('mail.get', { id: record.mail?.id, delivery: 'save' })).toEqual({ ok: true, value: { delivered: 'cancelled' } })
    expect(fake.dialog.saveDialogs[1]?.options).toMatchObject({ filters: [{ name: 'E-mail', extensions: ['eml'] }] })
  })

  it('a mail program that will not open it: a Dutch message, and no copy left behind', async () => {
    const record = await recordedFromMail()
    fake.shell.failWith = 'No application is associated with the specified file for this operation.'
    const r = await desktop.api('mail.get', { id: record.mail?.id, delivery: 'open' })
    expect(r).toMatchObject({ ok: false, error: { code: 'io', message: expect.stringContaining('Toestemming Zoë.eml kon niet worden geopend: er is geen e-mailprogramma') } })
    expect(r.error?.message).toContain('Er is niets verloren of veranderd')
    expect(existsSync(fake.shell.opened[0] ?? '')).toBe(false)
  })

  it('a file no longer in the register: a Dutch not-found, no dialog, nothing opened', async () => {
    await recordedFromMail()
    expect(await desktop.api('attachments.get', { id: 999_999, delivery: 'save' })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('Vernieuw het scherm') } })
    expect(fake.dialog.saveDialogs).toEqual([])
    expect(fake.shell.opened).toEqual([])
  })
})
