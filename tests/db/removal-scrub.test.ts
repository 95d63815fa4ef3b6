// Removed means gone everywhere: after a retention removal, the removed pupil's name and the
// guardians' e-mail and phone (as typed and normalised) are searched for, byte for byte in UTF-8 and
// UTF-16LE, in the database, its -wal, every file in the backups folder, the log and the temp folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { registerChosenFile } from '../../electron/core/chosen-files.ts'
import { logToFile } from '../../electron/core/log.ts'
import { expireSafetyBackups } from '../../electron/core/retention/backups.ts'
// Through the real dispatch; call-ok.ts, not helpers/register.ts, which silences the log this test searches.
import { ok } from '../helpers/call-ok.ts'
import { pupilLeaves, removeDue } from '../helpers/leavers.ts'

const dirs: string[] = []
const BASE = tmpdir()
const savedTmp = process.env['TMPDIR']
afterEach(() => {
  if (savedTmp === undefined) delete process.env['TMPDIR']
  else process.env['TMPDIR'] = savedTmp
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }))
})

const PUPIL = 'Sem van Zwanenburg'
const MOTHER = 'Floor van Zwanenburg'
const EMAIL = 'floor.zwanenburg@voorbeeld.nl'
const PHONE = '06-48151623'
const PHONE_NORMALISED = '+31648151623'
const NEW_PHONE = '06 4242 1337'
const NEW_PHONE_NORMALISED = '+31642421337'
const FILE = `inschrijving ${PUPIL}.xlsx`
/** How a document's file name writes the pupil's name. */

/** The scan as the office keeps it in its own Documents folder: the user's file, not the app's, so outside what is searched. */
function scanInDocuments(core: Core, root: string, name: string, bytes: Buffer): { token: string } {
  const path = join(root, 'Documenten', name)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, bytes)
  return { token: registerChosenFile(core.ctx, path).token }
}

const DOSSIER_FILE = 'Sem-van-Zwanenburg'

/** An enrolment workbook of one pupil, as a parent's online form exports it. */
async function enrolmentForm(sister: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Inschrijving')
  ws.addRow(['Roepnaam', 'Tussenvoegsel', 'Achternaam', 'Geboortedatum', 'Groep', 'Naam ouder 1', 'E-mail ouder 1', 'Telefoon ouder 1', 'Website', 'Social media'])
  ws.addRow(['Sem', 'van', 'Zwanenburg', new Date(Date.UTC(2018, 3, 9)), '3', MOTHER, EMAIL, PHONE, 'ja', 'nee'])
  if (sister) ws.addRow(['Noor', 'van', 'Zwanenburg', new Date(Date.UTC(2020, 1, 2)), '1/2a', MOTHER, EMAIL, PHONE, 'nee', 'nee'])
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64')
}

/** Every file below these folders (a missing folder has none). */
function filesIn(...folders: string[]): string[] {
  return folders.flatMap((f) =>
    existsSync(f)
      ? readdirSync(f, { recursive: true, encoding: 'utf8' })
          .map((n) => join(f, n))
          .filter((p) => statSync(p).isFile())
      : [],
  )
}

/** Which of the texts each file holds, in UTF-8 or UTF-16LE, or has in its name. */
function findings(files: string[], texts: string[]): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = []
  for (const file of files) {
    const bytes = readFileSync(file)
    for (const text of texts) {
      if (file.includes(text) || bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'))) found.push({ file, text })
    }
  }
  return found
}

/**
 * The demo school on a file, with the data folder's log and a private temp folder, and one pupil
 * who came in through an imported workbook, has a signed scan, a dossier entry, a mother whose
 * phone was changed at the desk, and who then left; with backups made along the way.
 */
async function register(options: { sister?: boolean } = {}) {
  const root = mkdtempSync(join(BASE, 'tr-removal-'))
  dirs.push(root)
  const data = join(root, 'data')
  const temp = join(root, 'tmp')
  mkdirSync(temp, { recursive: true })
  process.env['TMPDIR'] = temp
  logToFile(join(data, 'logs', 'app.log'))
  let clock = new Date('2026-09-01T08:00:00Z')
  // A desktop whose viewer opens every document: 'Openen' leaves a copy in the temp folder.
  const desktop = { chooseSavePath: async () => undefined, openPath: async () => undefined }
  const core = openCore({ dbPath: join(data, 'school.sqlite'), appVersion: 'test', now: () => clock, desktop })
  await ok(core, 'settings.update', { schoolYear: '2026-2027' })
  await ok(core, 'school.setup', { mode: 'demo' })
  core.ctx.db.pragma('wal_checkpoint(TRUNCATE)')
  expect(findings([join(data, 'school.sqlite')], [PUPIL, EMAIL, PHONE])).toEqual([]) // the demo school does not hold them already

  const commit = await ok(core, 'imports.commit', { files: [{ name: FILE, data: await enrolmentForm(options.sister ?? false) }] })
  expect(commit.batch?.counts.pupilsCreated).toBe(options.sister ? 2 : 1)
  const [found] = await ok(core, 'pupils.search', { query: PUPIL })
  if (!found) throw new Error('pupil not imported')
  let pupil = await ok(core, 'pupils.get', { id: found.id })
  const mother = pupil.guardians[0]
  if (!mother) throw new Error('guardian not imported')
  await ok(core, 'backups.create', {})
  const purposes = await ok(core, 'purposes.list', {})
  const scan = Buffer.from(`%PDF-1.4\n% toestemmingsformulier ${PUPIL}, getekend door ${MOTHER}\n%%EOF\n`)
  await ok(core, 'consent.record', {
    pupilId: pupil.id,
    decisions: purposes.slice(0, 3).map((p) => ({ purposeId: p.id, decision: 'granted' as const })),
    guardianId: mother.id,
    effectiveFrom: '2026-09-01',
    source: 'paper_form',
    sourceDetail: `formulier ${PUPIL}`,
    attachment: scanInDocuments(core, root, `toestemming ${PUPIL}.pdf`, scan),
  })
  await ok(core, 'dossier.save', { pupilId: pupil.id, entryDate: '2026-09-02', kind: 'notitie', title: `Gesprek over ${PUPIL}`, body: `Moeder belt op ${PHONE}.` })
  await ok(core, 'guardians.save', { id: mother.id, version: mother.version, pupilId: pupil.id, name: MOTHER, relation: mother.relation, email: EMAIL, phone: NEW_PHONE })
  clock = new Date('2026-09-02T08:00:00Z')
  await ok(core, 'backups.create', {})
  await pupilLeaves(core, pupil.id, '2026-10-01')
  clock = new Date('2026-10-02T08:00:00Z')
  await ok(core, 'backups.create', {})
  const opened = await ok(core, 'documents.dossier', { pupilId: pupil.id, format: 'pdf', delivery: 'open' })
  expect(opened.delivered).toBe('opened')
  expect(findings(filesIn(temp), [DOSSIER_FILE]).length).toBe(1) // the opened dossier names the pupil
  const texts = [PUPIL, DOSSIER_FILE, MOTHER, EMAIL, PHONE, PHONE_NORMALISED, NEW_PHONE, NEW_PHONE_NORMALISED]
  const everywhere = () => filesIn(data, temp)
  // Before the removal the data is in the file and in the backups: the search can find it.
  core.ctx.db.pragma('wal_checkpoint(TRUNCATE)')
  expect(findings(filesIn(join(data, 'backups')), [PUPIL, PHONE]).length).toBeGreaterThan(0)
  return { core, data, temp, pupilId: pupil.id, batchId: commit.batch?.id ?? 0, texts, everywhere, setClock: (d: Date) => (clock = d) }
}

describe('removing a pupil entirely', () => {
  it('leaves the name, phone and e-mail nowhere: database, WAL, backups, log, temp folder; only the safety backup until its day', async () => {
    const r = await register()
    r.setClock(new Date('2028-10-15T08:00:00Z')) // two years after leaving
    const result = await removeDue(r.core, r.pupilId)
    expect(result.pupilsRemoved).toBe(1)
    // The backup before the import and three made by hand: all rewritten under their own names, none lost.
    expect(result.backupsRewritten).toHaveLength(4)
    expect(result.backupsDeleted).toEqual([])
    expect(result.message).toContain('4 oudere reservekopieën zijn herschreven')
    expect(result.message).toContain(`${result.backup}) bevat de gegevens nog en wordt op 22-10-2028 gewist`)
    expect(result.safetyBackupUntil).toBe('2028-10-22')
    expect(result.message).toContain('1 geopend document is uit de tijdelijke map gewist')

    // The import history still tells what came in: one file of one row, its hash, the counts.
    const [batch] = await ok(r.core, 'imports.batches', {})
    expect(batch?.files).toEqual([{ name: 'bestand van 1 rij (naam verwijderd na de bewaartermijn)', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), rows: 1 }])
    expect(batch?.counts.pupilsCreated).toBe(1)

    // The app is open (its WAL beside the file): only the backup made just before holds the data.
    const safety = join(r.data, 'backups', result.backup ?? '')
    expect(
      findings(r.everywhere(), r.texts)
        .map((f) => f.file)
        .filter((f) => f !== safety),
    ).toEqual([])
    for (const name of result.backupsRewritten) expect(existsSync(join(r.data, 'backups', name))).toBe(true)

    // The screen says which backup still holds it and until when; after that day, the next start deletes it.
    expect((await ok(r.core, 'retention.overview', {})).safetyBackups).toEqual([{ name: result.backup, until: '2028-10-22' }])
    r.core.close()
    expect(expireSafetyBackups({ dbPath: r.core.ctx.dbPath, now: () => new Date('2028-10-21T08:00:00Z') })).toEqual([])
    expect(existsSync(safety)).toBe(true)
    expect(expireSafetyBackups({ dbPath: r.core.ctx.dbPath, now: () => new Date('2028-10-22T09:00:00Z') })).toEqual([result.backup])
    expect(findings(r.everywhere(), r.texts)).toEqual([])
    expect(readFileSync(join(r.data, 'logs', 'app.log'), 'utf8')).toContain('retention removal done') // the log was written, and searched
  })

  it('keeps the rewritten backups restorable, with the rest of the school in them', async () => {
    const r = await register()
    const pupilsBefore = (await ok(r.core, 'pupils.list', { includeLeft: true })).length
    r.setClock(new Date('2028-10-15T08:00:00Z'))
    const result = await removeDue(r.core, r.pupilId)
    const oldest = result.backupsRewritten.at(-1) ?? ''
    await ok(r.core, 'backups.restore', { name: oldest })
    const pupils = await ok(r.core, 'pupils.list', { includeLeft: true })
    expect(pupils.length).toBe(pupilsBefore - 1)
    expect(pupils.some((p) => p.lastName === 'Zwanenburg')).toBe(false)
    r.core.close()
  })
})

describe('removing a pupil whose sister came in with the same workbook', () => {
  it('takes the file name out of the batch and out of her answers; her answers and the row stay', async () => {
    const r = await register({ sister: true })
    r.setClock(new Date('2028-10-15T08:00:00Z'))
    const result = await removeDue(r.core, r.pupilId)
    expect(result.counts.contact).toBe(0) // the mother still has a child at school
    const [noor] = await ok(r.core, 'pupils.search', { query: 'Noor van Zwanenburg' })
    if (!noor) throw new Error('sister gone')
    const history = await ok(r.core, 'consent.history', { pupilId: noor.id })
    expect(history.map((h) => [h.sourceDetail, h.decision])).toEqual(expect.arrayContaining([['inschrijfformulier (naam verwijderd na de bewaartermijn), rij 3', 'refused']]))
    const [batch] = await ok(r.core, 'imports.batches', {})
    expect(batch?.files.map((f) => f.name)).toEqual(['bestand van 2 rijen (naam verwijderd na de bewaartermijn)'])
    const safety = join(r.data, 'backups', result.backup ?? '')
    expect(findings(r.everywhere(), [PUPIL, FILE]).filter((f) => f.file !== safety)).toEqual([])
    r.core.close()
  })
})

describe('removing the dossier before the pupil', () => {
  it('leaves no title or text of its entries in the audit log; the entries themselves stay, as the pupil does', async () => {
    const r = await register()
    await ok(r.core, 'retention.setPeriods', { periods: { contact: 12, dossier: 12, consent: 24, pupil: 36 } })
    // The signed scan opened from the history (named only by the first name, which no list of whole names holds).
    const [proof] = (await ok(r.core, 'consent.history', { pupilId: r.pupilId })).flatMap((c) => (c.attachment ? [c.attachment] : []))
    r.core.ctx.db.prepare(`UPDATE attachments SET file_name = 'formulier-sem.pdf' WHERE id = ?`).run(proof?.id)
    expect((await ok(r.core, 'attachments.get', { id: proof?.id ?? 0, delivery: 'open' })).delivered).toBe('opened')
    r.setClock(new Date('2027-11-01T08:00:00Z'))
    const due = (await ok(r.core, 'retention.overview', {})).due.find((d) => d.pupilId === r.pupilId)
    expect(due?.kinds.map((k) => k.kind)).toEqual(['contact', 'dossier'])
    const result = await ok(r.core, 'retention.remove', { items: [{ pupilId: r.pupilId, kinds: ['contact', 'dossier'] }] })
    const entries = (await ok(r.core, 'audit.list', { pupilId: r.pupilId })).filter((a) => a.action === 'dossier.create')
    expect(entries).toHaveLength(1)
    expect(entries[0]?.newValue).toEqual({ entryDate: '', kind: '', title: '', body: '' })
    // The log keeps that copies were made (newest first: the scan opened, the dossier as PDF), not the files' names.
    const copies = (await ok(r.core, 'audit.list', { pupilId: r.pupilId })).filter((a) => a.action === 'dossier.export')
    expect(copies.map((a) => a.newValue)).toEqual([expect.objectContaining({ format: 'bijlage', fileName: '', delivered: 'opened' }), expect.objectContaining({ format: 'pdf', fileName: '' })])
    expect(JSON.stringify(r.core.ctx.db.prepare(`SELECT * FROM audit_log`).all())).not.toContain('formulier-sem')
    const safety = join(r.data, 'backups', result.backup ?? '')
    expect(findings(r.everywhere(), ['Gesprek over', 'Moeder belt op', PHONE]).filter((f) => f.file !== safety)).toEqual([])
    expect((await ok(r.core, 'pupils.get', { id: r.pupilId })).lastName).toBe('Zwanenburg')
    r.core.close()
  })
})

describe('removing contact details', () => {
  it('takes the e-mail and phone out of the audit log and the import changes; the name and the history stay', async () => {
    const r = await register()
    r.setClock(new Date('2027-11-01T08:00:00Z')) // 13 months: only the contact details are due
    const due = (await ok(r.core, 'retention.overview', {})).due.find((d) => d.pupilId === r.pupilId)
    expect(due?.kinds.map((k) => k.kind)).toEqual(['contact'])
    const result = await ok(r.core, 'retention.remove', { items: [{ pupilId: r.pupilId, kinds: ['contact'] }] })
    expect(result.backupsRewritten).toHaveLength(4)

    const audit = JSON.stringify(await ok(r.core, 'audit.list', { pupilId: r.pupilId }))
    for (const t of [EMAIL, PHONE, NEW_PHONE, PHONE_NORMALISED, NEW_PHONE_NORMALISED]) expect(audit).not.toContain(t)
    // The change itself stays in the log, marked as scrubbed, with empty texts where the numbers were.
    const update = (await ok(r.core, 'audit.list', { pupilId: r.pupilId })).find((a) => a.action === 'guardian.update')
    expect(update).toMatchObject({ oldValue: { phone: '' }, newValue: { phone: '' }, scrubbedAt: '2027-11-01T08:00:00.000Z' })
    const changes = JSON.stringify(r.core.ctx.db.prepare(`SELECT before_json, after_json FROM import_changes`).all())
    for (const t of [EMAIL, PHONE, PHONE_NORMALISED]) expect(changes).not.toContain(t)
    const contact = [EMAIL, PHONE, PHONE_NORMALISED, NEW_PHONE, NEW_PHONE_NORMALISED]
    const safety = join(r.data, 'backups', result.backup ?? '')
    // The first phone number is still in the note the desk wrote in the dossier: the dossier has its own, longer period.
    expect(findings(r.everywhere(), contact).filter((f) => f.file !== safety && f.text !== PHONE)).toEqual([])
    expect(r.core.ctx.db.prepare(`SELECT count(*) FROM dossier_entries WHERE instr(body, ?) > 0`).pluck().get(PHONE)).toBe(1)
    expect(JSON.stringify(r.core.ctx.db.prepare(`SELECT * FROM audit_log`).all())).not.toContain(PHONE)
    // The pupil and the mother's name are kept: their period is not over.
    expect((await ok(r.core, 'pupils.get', { id: r.pupilId })).guardians[0]?.name).toBe(MOTHER)
    // Undo of the import finds nothing of the old contact details to put back.
    const undo = await ok(r.core, 'imports.undoPreview', { batchId: r.batchId })
    expect(JSON.stringify(undo)).not.toContain(PHONE)
    r.core.close()
  })
})
