import { createHash } from 'node:crypto'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { DossierData } from '../../electron/core/documents/dossier.ts'
import { ok } from '../helpers/register.ts'
import { documentSchool, make, makePng, pdfPages } from './helpers.ts'

const SCAN_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

/** Zoë with a scanned form, a withdrawal, a letter with two attachments and a corrected name; Łukasz with a note of his own. */
async function pupilWithFile() {
  const s = await documentSchool()
  const { core, zoe, purpose } = s
  await ok(core, 'consent.record', {
    pupilId: zoe.id,
    decisions: [{ purposeId: purpose('website').id, decision: 'refused' }],
    effectiveFrom: '2026-10-01',
    source: 'email',
    sourceDetail: 'mail van moeder, 30-09-2026',
    note: 'Wil geen foto’s meer op de website.',
    attachment: { fileName: 'mail moeder.pdf', mimeType: 'application/pdf', data: SCAN_PDF.toString('base64') },
  })
  await ok(core, 'dossier.save', {
    pupilId: zoe.id,
    entryDate: '2026-10-02',
    kind: 'brief',
    title: 'Bevestiging intrekking toestemming',
    body: 'Beste mevrouw Van der Berg,\nWij hebben uw intrekking verwerkt. Zoë komt niet meer op de website.',
    attachments: [
      { fileName: 'brief.pdf', mimeType: 'application/pdf', data: Buffer.from(`${SCAN_PDF.toString()}%brief\n`).toString('base64') },
      { fileName: 'foto-formulier.png', mimeType: 'image/png', data: makePng(8, 8).toString('base64') },
    ],
  })
  await ok(core, 'dossier.save', { pupilId: s.lukasz.id, entryDate: '2026-10-03', kind: 'notitie', title: 'Alleen over Łukasz', attachments: [{ fileName: 'lukasz.png', mimeType: 'image/png', data: makePng(4, 4, [1, 2, 3]).toString('base64') }] })
  await ok(core, 'pupils.save', { id: zoe.id, version: zoe.version, firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07', studentNumber: '1001-B' })
  return s
}

describe('pupil dossier', () => {
  it('PDF: data, guardians, current consent, full history with sources and who recorded it, file entries, audit trail, attachments', async () => {
    const s = await pupilWithFile()
    const pages = await pdfPages(await make(s.core, 'documents.dossier', { pupilId: s.zoe.id }))
    const text = pages.join('\n')
    const flat = text.replace(/\s+/g, ' ')
    expect(text).toContain('Leerlingdossier: Zoë van der Berg')
    for (const heading of ['Gegevens van de leerling', 'Ouders/verzorgers', 'Toestemming nu', 'Geschiedenis van de toestemming', 'Stukken in het dossier', 'Logboek', 'Bijlagen']) {
      expect(text).toContain(heading)
    }
    expect(flat).toContain('Leerlingnummer 1001-B')
    expect(flat).toContain('Geboortedatum 07-04-2017')
    expect(flat).toContain(`Formuliercode ${s.zoe.formCode}`)
    expect(flat).toContain('Marieke van der Berg moeder 06-12345678 marieke@voorbeeld.nl ja')
    expect(flat).toContain('Ömer Yılmaz vader 0687654321')
    expect(flat).toMatch(/Website van de school NEE · geweigerd 01-10-2026/)
    expect(flat).toMatch(/Lokale media \(krant, lokale tv\) NEE · geweigerd 01-09-2026/)
    expect(flat).toContain('9 vastleggingen, nieuwste eerst')
    expect(flat).toContain('E-mail mail van moeder, 30-09-2026 Notitie: Wil geen foto’s meer op de website. Bijlage: mail moeder.pdf')
    expect(flat).toContain('Papieren formulier toestemmingsformulier september')
    expect(flat).toContain('Ans de Wit 22-11-2026 om 10:30')
    expect(flat).toContain('02-10-2026 · brief: Bevestiging intrekking toestemming')
    expect(flat).toContain('Wij hebben uw intrekking verwerkt. Zoë komt niet meer op de website.')
    expect(flat).toContain('bijlagen: brief.pdf, foto-formulier.png')
    expect(flat).toContain('Gegevens gewijzigd')
    expect(flat).toContain('studentNumber: 1001 → 1001-B')
    expect(flat).toContain('Toestemming vastgelegd')
    expect(flat).toMatch(/mail moeder\.pdf PDF \d+ B Toestemming 01-10-2026 \(Website van de school\)/)
    expect(flat).toContain('foto-formulier.png PNG')
    expect(flat).not.toContain('Alleen over Łukasz')
    expect(flat).not.toContain('lukasz.png')
    expect(text).toContain('Vertrouwelijk')
  })

  it('ZIP: the PDF, a JSON complete against the database, and the attachments themselves', async () => {
    const s = await pupilWithFile()
    const { db } = s.core.ctx
    const zip = await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, format: 'zip' })
    const files = unzipSync(new Uint8Array(zip))
    const base = 'dossier-Zoe-van-der-Berg-2026-11-22'
    const attachmentRows = db
      .prepare(
        `SELECT id, file_name AS fileName, data FROM attachments WHERE id IN (
           SELECT attachment_id FROM consent_records WHERE pupil_id = @p AND attachment_id IS NOT NULL
           UNION SELECT a.attachment_id FROM dossier_entry_attachments a JOIN dossier_entries e ON e.id = a.entry_id WHERE e.pupil_id = @p)
         ORDER BY id`,
      )
      .all({ p: s.zoe.id }) as { id: number; fileName: string; data: Buffer }[]
    expect(attachmentRows).toHaveLength(3)
    expect(Object.keys(files).sort()).toEqual(
      ['LEESMIJ.txt', `${base}.json`, `${base}.pdf`, ...attachmentRows.map((a) => `bijlagen/${a.id}-${a.fileName.replace(/ /g, '-')}`)].sort(),
    )
    expect(strFromU8(files[`${base}.pdf`]!.subarray(0, 5))).toBe('%PDF-')
    expect((await pdfPages(Buffer.from(files[`${base}.pdf`]!))).join('\n')).toContain('Leerlingdossier: Zoë van der Berg')

    const data = JSON.parse(strFromU8(files[`${base}.json`]!)) as DossierData
    expect(data).toMatchObject({ format: 'toestemmingsregister-dossier', formatVersion: 1, exportedAt: '2026-11-22T09:30:00.000Z', school: { name: 'OBS De Linde', schoolYear: '2026-2027' } })
    const pupilRow = db.prepare(`SELECT id, student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, left_on, form_code, created_at, updated_at FROM pupils WHERE id = ?`).get(s.zoe.id) as Record<string, unknown>
    expect(data.pupil).toMatchObject({
      id: pupilRow.id,
      studentNumber: pupilRow.student_number,
      firstName: pupilRow.first_name,
      lastNamePrefix: pupilRow.last_name_prefix,
      lastName: pupilRow.last_name,
      birthDate: pupilRow.birth_date,
      enrolledOn: pupilRow.enrolled_on,
      leftOn: pupilRow.left_on,
      formCode: pupilRow.form_code,
      createdAt: pupilRow.created_at,
      updatedAt: pupilRow.updated_at,
      groupName: '5',
    })
    const guardians = db.prepare(`SELECT g.id, g.name, g.email, g.phone, g.phone_normalized AS phoneNormalized FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = ? ORDER BY pg.sort_order`).all(s.zoe.id)
    expect(data.guardians.map(({ id, name, email, phone, phoneNormalized }) => ({ id, name, email, phone, phoneNormalized }))).toEqual(guardians)

    const records = db.prepare(`SELECT id, purpose_id AS purposeId, decision, effective_from AS effectiveFrom, source, source_detail AS sourceDetail, note, recorded_by AS recordedBy, recorded_at AS recordedAt, attachment_id AS attachmentId FROM consent_records WHERE pupil_id = ? ORDER BY id DESC`).all(s.zoe.id) as { id: number; attachmentId: number | null }[]
    expect(data.consentHistory).toHaveLength(records.length)
    expect(data.consentHistory.map(({ id, purposeId, decision, effectiveFrom, source, sourceDetail, note, recordedBy, recordedAt, attachment }) => ({ id, purposeId, decision, effectiveFrom, source, sourceDetail, note, recordedBy, recordedAt, attachmentId: attachment?.id ?? null }))).toEqual(records)

    const current = (await ok(s.core, 'pupils.get', { id: s.zoe.id })).consent
    expect(data.currentConsent.map((c) => [c.purposeId, c.decision])).toEqual(current.map((c) => [c.purposeId, c.decision]))
    expect(data.currentConsent.find((c) => c.purposeCode === 'website')).toMatchObject({ decision: 'refused', effectiveFrom: '2026-10-01' })

    const entries = db.prepare(`SELECT id, title, body FROM dossier_entries WHERE pupil_id = ? ORDER BY entry_date DESC, id DESC`).all(s.zoe.id)
    expect(data.dossierEntries.map(({ id, title, body }) => ({ id, title, body }))).toEqual(entries)

    const audit = db
      .prepare(`SELECT id, action FROM audit_log WHERE pupil_id = @p OR (entity = 'guardian' AND entity_id IN (SELECT guardian_id FROM pupil_guardians WHERE pupil_id = @p)) ORDER BY id DESC`)
      .all({ p: s.zoe.id }) as { id: number; action: string }[]
    // The export itself is logged after the file was made: the newest entry, not in this file.
    expect(audit[0]).toMatchObject({ action: 'dossier.export' })
    expect(data.auditTrail.map(({ id, action }) => ({ id, action }))).toEqual(audit.slice(1))

    for (const row of attachmentRows) {
      const meta = data.attachments.find((a) => a.id === row.id)
      expect(meta).toBeDefined()
      const bytes = files[meta!.path]!
      expect(Buffer.from(bytes).equals(row.data)).toBe(true)
      expect(meta!.sha256).toBe(sha256(bytes))
    }
    expect(JSON.stringify(data)).not.toContain('Łukasz')
    expect(strFromU8(files['LEESMIJ.txt']!)).toContain(`${base}.json`)
  })

  it('logs who exported the file, and refuses a pupil that does not exist', async () => {
    const s = await pupilWithFile()
    await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, format: 'pdf' })
    const log = s.core.ctx.db.prepare(`SELECT actor, new_value FROM audit_log WHERE action = 'dossier.export' AND pupil_id = ?`).all(s.zoe.id) as { actor: string; new_value: string }[]
    expect(log).toEqual([{ actor: 'Ans de Wit', new_value: JSON.stringify({ format: 'pdf', fileName: 'dossier-Zoe-van-der-Berg-2026-11-22.pdf' }) }])
    expect(await s.core.dispatch('documents.dossier', { pupilId: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
