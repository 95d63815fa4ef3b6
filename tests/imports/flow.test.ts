// The wizard's flow through the real dispatch and a real SQLite file: analyze, preview, commit,
// re-import, change, duplicates, rejected rows, undo.
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { commitImport } from '../../electron/core/imports/imports.service.ts'
import type { ImportProgress } from '../../shared/imports.contract.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'
import { bytesOf } from '../documents/helpers.ts'
import { cli, fileInput, fixture } from './helpers.ts'

silenceLog()
let dir: string
let core: Core
const NOW = new Date('2026-11-22T09:30:00Z')

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tr-import-'))
  core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => NOW })
  await setUpEmptySchool(core)
})
afterEach(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

const admin = () => fileInput('administratie-export.xlsx')
const count = (table: string, where = '1'): number => core.ctx.db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number

/** The administration export with some cells changed. */
async function changedAdmin(edit: (ws: ExcelJS.Worksheet) => void, name = 'administratie-export-nieuw.xlsx') {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync(fixture('administratie-export.xlsx')) as unknown as ExcelJS.Buffer)
  edit(wb.worksheets[0] as ExcelJS.Worksheet)
  return { name, data: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64') }
}

describe('the import wizard flow', () => {
  it('analyze proposes a mapping per layout, lists ignored columns, and a changed mapping is remembered after commit', async () => {
    const a = await ok(core, 'imports.analyze', { files: [admin(), fileInput('engelse-kolommen.xlsx')] })
    expect(a.layouts).toHaveLength(2)
    const layout = a.layouts[0]
    if (!layout) throw new Error('no layout')
    expect(layout).toMatchObject({ layout: 'table', remembered: false, sheets: [{ fileIndex: 0, sheet: 'Leerlingen', headerRow: 4, rows: 9 }] })
    const byHeader = new Map(layout.columns.map((c) => [c.header, c]))
    expect(byHeader.get('ROEPNAAM')?.target).toEqual({ kind: 'pupil', field: 'firstName' })
    expect(byHeader.get('BSN')).toMatchObject({ sensitive: true, target: { kind: 'ignore' }, samples: [] })
    expect(byHeader.get('Interne code')).toMatchObject({ hidden: true })
    expect(byHeader.get('Social media')?.target).toEqual({ kind: 'consent', purposes: ['social_media'] })
    expect(a.purposes.map((p) => p.code)).toContain('website')

    // The user does not want the social media column; the mapping is used, then remembered.
    const columns = layout.columns.map((c) => ({ key: c.key, target: c.header === 'Social media' ? { kind: 'ignore' as const } : c.target }))
    const result = await ok(core, 'imports.commit', { files: [admin()], mappings: [{ signature: layout.signature, columns }] })
    expect(result.batch?.counts.consentRecords).toBe(12) // 15 with the social media column
    const again = await ok(core, 'imports.analyze', { files: [admin()] })
    expect(again.layouts[0]?.remembered).toBe(true)
    expect(again.layouts[0]?.columns.find((c) => c.header === 'Social media')?.target).toEqual({ kind: 'ignore' })
  })

  it('commit: backup first, one batch with file hashes and counts, consent records with file and row; re-import changes nothing', async () => {
    const before = readdirSync(join(dir)).includes('backups') ? readdirSync(join(dir, 'backups')).length : 0
    const progress: ImportProgress['phase'][] = []
    const result = await commitImport(core.ctx, { files: [admin()], mappings: [], decisions: [] }, { onProgress: (p) => progress.push(p.phase) })
    expect(new Set(progress)).toEqual(new Set(['read', 'check', 'backup', 'write']))
    expect(result.backupPath).toMatch(/backups[\\/]toestemmingsregister-.*-import\.sqlite$/)
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.sqlite')).length).toBe(before + 1)
    expect(result.batch).toMatchObject({
      createdBy: 'Ans de Wit',
      files: [
        {
          name: 'administratie-export.xlsx',
          sha256: createHash('sha256')
            .update(readFileSync(fixture('administratie-export.xlsx')))
            .digest('hex'),
          rows: 9,
        },
      ],
      counts: { pupilsCreated: 6, pupilsUpdated: 0, rowErrors: 3, guardiansCreated: 7, groupsCreated: 5, consentRecords: 15 },
    })
    const records = core.ctx.db.prepare(`SELECT decision, source, source_detail AS detail, import_batch_id AS batch, recorded_by AS by FROM consent_records ORDER BY id`).all()
    expect(records[0]).toEqual({ decision: 'granted', source: 'enrolment_form', detail: 'inschrijfformulier administratie-export.xlsx, rij 5', batch: result.batch?.id, by: 'Ans de Wit' })
    expect(count('audit_log', `action = 'import.commit'`)).toBe(1)

    // The pupil as stored, diacritics and all, in its group, with both guardians.
    const list = await ok(core, 'pupils.list', {})
    expect(list.map((p) => `${p.firstName}|${p.lastNamePrefix}|${p.lastName}|${p.groupName}`).sort()).toEqual(
      ['Daan|de|Vries|6', 'Emma||Smit|4', 'Sem|van der|Berg|7', 'Thị Lan||Nguyễn|6', 'Zoë|van der|Berg|5', 'Łukasz||Kowalski|8'].sort(),
    )
    const zoe = await ok(core, 'pupils.get', { id: list.find((p) => p.firstName === 'Zoë')?.id ?? 0 })
    expect(zoe.guardians.map((g) => [g.name, g.phone, g.phoneNormalized])).toEqual([
      ['Marieke van der Berg', '06-12345678', '+31612345678'],
      ['Ömer Yılmaz', '0687654321', '+31687654321'],
    ])
    expect(zoe.guardians[0]?.otherPupils.map((p) => p.name)).toEqual(['Sem van der Berg'])
    expect((await ok(core, 'pupils.search', { query: 'yilmaz' })).map((p) => p.firstName)).toEqual(['Zoë'])

    const again = await ok(core, 'imports.commit', { files: [admin()] })
    expect(again.batch).toBeNull()
    expect(again.preview.pupils.every((p) => p.status === 'unchanged')).toBe(true)
    expect(count('import_batches')).toBe(1)
    expect(count('consent_records')).toBe(15)
  })

  it('ignored columns (BSN, medical notes, religion) are never stored: not in the database file', async () => {
    await ok(core, 'imports.commit', { files: [admin()] })
    core.close()
    const bytes = Buffer.concat([readFileSync(join(dir, 'school.sqlite')), existsSync(join(dir, 'school.sqlite-wal')) ? readFileSync(join(dir, 'school.sqlite-wal')) : Buffer.alloc(0)])
    for (const secret of ['123456782', 'pinda-allergie', 'Medische']) expect(bytes.includes(Buffer.from(secret))).toBe(false)
    expect(bytes.includes(Buffer.from('Kowalski'))).toBe(true) // the check can see stored text
    core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => NOW })
  })

  it('a sensitive column stays ignored even when a mapping says otherwise', async () => {
    const a = await ok(core, 'imports.analyze', { files: [admin()] })
    const layout = a.layouts[0]
    const columns = (layout?.columns ?? []).map((c) => ({
      key: c.key,
      target: c.header === 'BSN' ? { kind: 'pupil' as const, field: 'studentNumber' as const } : c.header === 'Leerlingnummer' ? { kind: 'ignore' as const } : c.target,
    }))
    const preview = await ok(core, 'imports.preview', { files: [admin()], mappings: [{ signature: layout?.signature ?? '', columns }] })
    expect(preview.pupils.map((p) => p.studentNumber)).toEqual([null, null, null, null, null, null])
    expect(preview.files[0]?.ignoredColumns).toContain('BSN')
  })

  it('a changed file shows what changes field by field and consent explicitly; commit applies it', async () => {
    await ok(core, 'imports.commit', { files: [admin()] })
    const changed = await changedAdmin((ws) => {
      ws.getCell('F5').value = '6' // Zoë to group 6
      ws.getCell('N5').value = 'Nee' // website: refused
      ws.getCell('J5').value = '06-99999999' // Marieke's new number
    })
    const preview = await ok(core, 'imports.preview', { files: [changed] })
    const zoe = preview.pupils.find((p) => p.firstName === 'Zoë')
    expect(zoe?.status).toBe('changed')
    expect(zoe?.changes).toEqual([
      { field: 'group', label: 'Groep', old: '5', new: '6' },
      { field: 'guardian.1.phone', label: 'Telefoon ouder/verzorger 1', old: '06-12345678', new: '06-99999999' },
    ])
    expect(zoe?.consentChanges.map((c) => c.text)).toEqual(['website: toestemming -> geweigerd'])
    // Sem's row still has Marieke's old number: what the register had is no change, so it does not undo Zoë's row.
    expect(preview.pupils.find((p) => p.firstName === 'Sem')?.status).toBe('unchanged')
    expect(preview.summary).toMatchObject({ new: 0, changed: 1, unchanged: 5 })

    const result = await ok(core, 'imports.commit', { files: [changed] })
    expect(result.batch?.counts).toMatchObject({ pupilsUpdated: 1, guardiansUpdated: 1, consentRecords: 1 })
    const id = preview.pupils.find((p) => p.firstName === 'Zoë')?.pupilId ?? 0
    const after = await ok(core, 'pupils.get', { id })
    expect(after.groupName).toBe('6')
    expect(after.guardians[0]?.phone).toBe('06-99999999')
  })

  it('a consent recorded by hand is flagged when the import would change it', async () => {
    await ok(core, 'imports.commit', { files: [admin()] })
    const zoe = (await ok(core, 'pupils.list', {})).find((p) => p.firstName === 'Zoë')
    const website = (await ok(core, 'purposes.list', {})).find((p) => p.code === 'website')
    await ok(core, 'consent.record', { pupilId: zoe?.id ?? 0, decisions: [{ purposeId: website?.id ?? 0, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'email' })
    const preview = await ok(core, 'imports.preview', { files: [admin()] })
    const change = preview.pupils.find((p) => p.firstName === 'Zoë')?.consentChanges[0]
    expect(change).toMatchObject({ text: 'website: geweigerd -> toestemming', currentSource: 'email', currentSince: '2026-11-22' })
  })

  it("an import's joint answer never silently hides a disagreement between guardians: the preview says it", async () => {
    await ok(core, 'imports.commit', { files: [admin()] })
    const zoe = await ok(core, 'pupils.get', { id: (await ok(core, 'pupils.list', {})).find((p) => p.firstName === 'Zoë')?.id ?? 0 })
    const website = (await ok(core, 'purposes.list', {})).find((p) => p.code === 'website')
    const guardian = zoe.guardians[0]
    await ok(core, 'consent.record', { pupilId: zoe.id, guardianId: guardian?.id ?? null, decisions: [{ purposeId: website?.id ?? 0, decision: 'refused' }], effectiveFrom: '2026-11-22', source: 'phone' })
    expect((await ok(core, 'pupils.get', { id: zoe.id })).consent.find((c) => c.purposeId === website?.id)).toMatchObject({ decision: 'refused', conflict: true })
    const preview = await ok(core, 'imports.preview', { files: [admin()] })
    const change = preview.pupils.find((p) => p.pupilId === zoe.id)?.consentChanges.find((c) => c.purpose === 'website')
    expect(change).toMatchObject({ old: 'refused', new: 'granted', replacesDisagreement: true })
    expect(
      preview.pupils
        .filter((p) => p.pupilId !== zoe.id)
        .flatMap((p) => p.consentChanges)
        .some((c) => c.replacesDisagreement),
    ).toBe(false)
  })

  it('possible duplicates: same name and birth date with another student number is skipped until the user decides', async () => {
    await ok(core, 'imports.commit', { files: [admin()] })
    const other = await changedAdmin((ws) => {
      ws.getCell('A5').value = 9999
    }, 'ander-nummer.xlsx')
    const preview = await ok(core, 'imports.preview', { files: [other] })
    const dup = preview.duplicates[0]
    expect(dup).toMatchObject({ kind: 'existing', rows: ['0/0/5'], pupils: [{ name: 'Zoë van der Berg', studentNumber: '1001', birthDate: '2017-04-07', group: '5' }], defaultAction: 'skip' })
    expect(preview.pupils.find((p) => p.key === '0/0/5')).toMatchObject({ action: 'skip', duplicate: dup?.id })

    const asUpdate = await ok(core, 'imports.preview', { files: [other], decisions: [{ row: '0/0/5', action: 'update', pupilId: dup?.pupils[0]?.id }] })
    expect(asUpdate.pupils.find((p) => p.key === '0/0/5')).toMatchObject({ action: 'import', status: 'changed', changes: [{ field: 'studentNumber', old: '1001', new: '9999' }] })
    const asNew = await ok(core, 'imports.commit', { files: [other], decisions: [{ row: '0/0/5', action: 'new' }] })
    expect(asNew.batch?.counts.pupilsCreated).toBe(1)
    expect(
      (await ok(core, 'pupils.list', {}))
        .filter((p) => p.firstName === 'Zoë')
        .map((p) => p.studentNumber)
        .sort(),
    ).toEqual(['1001', '9999'])
  })

  it('rows with errors are skipped and come back as an .xlsx with a reason column that imports once fixed', async () => {
    const r = await ok(core, 'imports.rejectedRows', { files: [admin()] })
    expect(r).toMatchObject({ delivered: 'data', fileName: 'afgekeurde-rijen.xlsx', count: 3, countLabel: 'rijen' })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(bytesOf(r) as unknown as ExcelJS.Buffer)
    const ws = wb.worksheets[0] as ExcelJS.Worksheet
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[]
    expect(header).toContain('Reden')
    expect(header).not.toContain('BSN')
    expect(header).not.toContain('Medische bijzonderheden')
    const col = (name: string): number => header.indexOf(name) + 1
    expect(ws.getCell(2, col('Reden')).value).toMatch(/^Geboortedatum: '31-02-2015' is geen datum/)
    expect(ws.getCell(2, col('Rij')).value).toBe(11)
    // Fix the three rows as the office would, and import the file.
    ws.getCell(2, col('Geboortedatum')).value = '28-02-2015'
    ws.getCell(3, col('Achternaam')).value = 'Bakker'
    ws.getCell(4, col('E-mail ouder/verzorger 1')).value = 'joost@voorbeeld.nl'
    ws.getCell(4, col('Toestemming Website van de school')).value = 'Ja'
    const fixed = { name: 'afgekeurde-rijen.xlsx', data: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64') }
    const preview = await ok(core, 'imports.preview', { files: [fixed] })
    expect(preview.rowErrors).toEqual([])
    expect(preview.pupils.map((p) => `${p.firstName} ${p.lastName} ${p.birthDate} ${p.consents.website}`)).toEqual(['Fleur Jansen 2015-02-28 granted', 'Bram Bakker 2016-01-03 granted', 'Saar Wit 2013-04-07 granted'])
  })

  it('the template imports as a form; a 50 MB file gets its own message while the others go through', async () => {
    const template = await ok(core, 'imports.template', {})
    const analysis = await ok(core, 'imports.analyze', { files: [{ name: 'inschrijfformulier.xlsx', data: bytesOf(template).toString('base64') }] })
    expect(analysis.layouts[0]?.layout).toBe('form')
    expect(analysis.layouts[0]?.columns.filter((c) => c.target.kind !== 'ignore')).toHaveLength(14 + 8)
    expect(
      readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'templates', 'inschrijfformulier.xlsx'))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')

    const big = { name: 'enorm.xlsx', data: '', size: 50 * 1024 * 1024 }
    const preview = await ok(core, 'imports.preview', { files: [big, fileInput('engelse-kolommen.xlsx')] })
    expect(preview.files[0]).toMatchObject({ ok: false, error: expect.stringMatching(/^Het bestand is te groot \(50 MB\); de grens is 20 MB\./) })
    expect(preview.pupils).toHaveLength(2)

    // The same from the terminal, with a real 50 MB file on disk.
    const file = join(dir, 'enorm.xlsx')
    writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 7))
    const r = await cli('import', '--db', join(dir, 'school.sqlite'), '--json', file, fixture('engelse-kolommen.xlsx'))
    expect(r.code).toBe(0)
    expect(r.json().files[0]).toMatchObject({ ok: false, error: expect.stringContaining('te groot (50 MB)') })
    expect(r.json().pupils).toHaveLength(2)
  })
})

describe('undo', () => {
  it('a batch that created pupils: they are hidden again, their answers put back, and a re-import brings the same pupils back', async () => {
    const first = await ok(core, 'imports.commit', { files: [admin()] })
    const batchId = first.batch?.id ?? 0
    const ids = (await ok(core, 'pupils.list', {})).map((p) => p.id).sort()
    const confirm = await ok(core, 'imports.undoPreview', { batchId })
    expect(confirm.canUndo).toBe(true)
    expect(confirm.message).toMatch(/^Import van 22-11-2026 door Ans de Wit \(administratie-export\.xlsx\) ongedaan maken: 6 leerlingen worden weer verborgen/)
    expect(confirm.counts).toMatchObject({ pupilsHidden: 6, consentRestored: 15, guardiansRemoved: 7, groupsRemoved: 5 })
    expect(confirm.pupils.find((p) => p.name === 'Zoë van der Berg')?.consents.map((c) => c.text)).toEqual([
      'website: toestemming -> geen antwoord',
      'social_media: toestemming -> geen antwoord',
      'newsletter: geweigerd -> geen antwoord',
    ])

    const done = await ok(core, 'imports.undo', { batchId })
    expect(done.backupPath).toMatch(/-undo\.sqlite$/)
    expect(done.batch.undoneBy).toBe('Ans de Wit')
    expect(await ok(core, 'pupils.list', {})).toEqual([])
    expect(count('guardians')).toBe(0)
    expect(count('groups')).toBe(0)
    expect(count('consent_records', `source = 'import_undo' AND decision = 'unknown'`)).toBe(15)
    expect(count('consent_records')).toBe(30) // nothing deleted: history stays append-only
    expect((await ok(core, 'consent.noConsentList', {})).rows).toEqual([])
    expect((await core.dispatch('imports.undo', { batchId })).ok).toBe(false) // once is enough

    const back = await ok(core, 'imports.commit', { files: [admin()] })
    expect(back.preview.pupils.every((p) => p.status === 'new')).toBe(true)
    expect((await ok(core, 'pupils.list', {})).map((p) => p.id).sort()).toEqual(ids)
    expect(count('consent_records', `import_batch_id = ${back.batch?.id}`)).toBe(15)
  })

  it('a batch that changed pupils: old values back, but what was changed by hand since stays', async () => {
    await ok(core, 'imports.commit', { files: [admin()] })
    const changed = await changedAdmin((ws) => {
      ws.getCell('F5').value = '6'
      ws.getCell('N5').value = 'Nee'
      ws.getCell('O5').value = 'Ja'
      ws.getCell('D6').value = 'Bergh'
      ws.getCell('J5').value = '06-99999999'
    })
    const second = await ok(core, 'imports.commit', { files: [changed] })
    expect((await ok(core, 'imports.batches', {})).map((b) => [b.id, b.counts.pupilsUpdated, b.undoneAt])).toEqual([
      [second.batch?.id, 2, null],
      [1, 0, null],
    ])
    const list = await ok(core, 'pupils.list', {})
    const zoe = list.find((p) => p.firstName === 'Zoë')
    const website = (await ok(core, 'purposes.list', {})).find((p) => p.code === 'website')
    // After the import, a parent calls: website consent after all.
    await ok(core, 'consent.record', { pupilId: zoe?.id ?? 0, decisions: [{ purposeId: website?.id ?? 0, decision: 'granted' }], effectiveFrom: '2026-11-22', source: 'phone' })

    const confirm = await ok(core, 'imports.undoPreview', { batchId: second.batch?.id ?? 0 })
    expect(confirm.counts).toMatchObject({ pupilsRestored: 1, pupilsHidden: 0, consentRestored: 1, consentKept: 1 })
    await ok(core, 'imports.undo', { batchId: second.batch?.id ?? 0 })
    const after = await ok(core, 'pupils.get', { id: zoe?.id ?? 0 })
    expect(after.groupName).toBe('5')
    expect(after.guardians[0]?.phone).toBe('06-12345678')
    const purposes = await ok(core, 'purposes.list', {})
    const decision = (code: string) => after.consent.find((c) => c.purposeId === purposes.find((p) => p.code === code)?.id)?.decision
    expect(decision('website')).toBe('granted') // the phone call stays
    expect(decision('newsletter')).toBe('refused') // back to before the second import
    expect(list.find((p) => p.firstName === 'Sem')?.lastName).toBe('Bergh')
    expect((await ok(core, 'pupils.list', {})).find((p) => p.firstName === 'Sem')?.lastName).toBe('Berg')
  })
})
