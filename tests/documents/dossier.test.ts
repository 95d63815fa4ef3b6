import { createHash } from 'node:crypto'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { DossierData } from '../../electron/core/documents/dossier.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { ok } from '../helpers/register.ts'
import { documentSchool, flat, make, makePng, pdfPages, pdftotextPages } from './helpers.ts'

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
    attachment: chooseFile(core, 'mail moeder.pdf', SCAN_PDF),
  })
  await ok(core, 'dossier.save', {
    pupilId: zoe.id,
    entryDate: '2026-10-02',
    kind: 'brief',
    title: 'Bevestiging intrekking toestemming',
    body: 'Beste mevrouw Van der Berg,\nWij hebben uw intrekking verwerkt. Zoë komt niet meer op de website.',
    attachments: [chooseFile(core, 'brief.pdf', `${SCAN_PDF.toString()}%brief\n`), chooseFile(core, 'foto-formulier.png', makePng(8, 8))],
  })
  await ok(core, 'dossier.save', {
    pupilId: s.lukasz.id,
    entryDate: '2026-10-03',
    kind: 'notitie',
    title: 'Alleen over Łukasz',
    attachments: [chooseFile(core, 'lukasz.png', makePng(4, 4, [1, 2, 3]))],
  })
  await ok(core, 'pupils.save', { id: zoe.id, version: zoe.version, firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07', studentNumber: '1001-B' })
  return s
}

describe('pupil dossier', () => {
  it('PDF: answers the access request: data, purposes with their text, basis, recipients, retention, rights, complaint route, history in sentences', async () => {
    const s = await pupilWithFile()
    await ok(s.core, 'documents.saveSettings', {
      schoolEmail: 'info@delinde.nl',
      schoolPhone: '0123-456789',
      schoolAddress: 'Lindelaan 4\n1234 AB Dorp',
      privacyOfficer: 'Mw. J. de Boer, fg@stichting.nl',
      privacyStatement: 'www.delinde.nl/privacy',
    })
    const pdf = await make(s.core, 'documents.dossier', { pupilId: s.zoe.id })
    // Read line by line as printed (-layout), so a table row reads as one.
    const pages = pdftotextPages(pdf, ['-layout'])
    const text = flat(pages.join('\n'))
    // And block by block, so a sentence in a table cell reads as one.
    const reading = flat(pdftotextPages(pdf).join('\n'))
    expect(text).toContain('Leerlingdossier: Zoë van der Berg')
    expect(text).toContain('Antwoord op een verzoek om inzage (AVG artikel 15)')
    for (const heading of [
      'Gegevens van de leerling',
      'Ouders/verzorgers',
      'Waarvoor de school gegevens gebruikt, en op welke grond',
      'Wie de gegevens ontvangt',
      'Hoe lang de gegevens worden bewaard',
      'Uw rechten',
      'Vragen en klachten',
      'Waar de gegevens vandaan komen',
      'Geschiedenis van de toestemming',
      'Stukken in het dossier',
      'Logboek',
      'Bijlagen',
    ]) {
      expect(text).toContain(heading)
    }
    expect(text).toContain('Leerlingnummer 1001-B')
    expect(text).toContain(`Formuliercode ${s.zoe.formCode}`)
    // Each purpose with the exact wording answered to, its version and the answer now.
    expect(text).toContain("Website van de school NEE · geweigerd 01-10-2026 'Foto's en video's op de openbare website van de school.' (versie 1)")
    expect(text).toContain('Toestemming van de ouders/verzorgers (AVG artikel 6 lid 1 onder a)')
    expect(text).toContain('AVG artikel 6 lid 1 onder c en e')
    // Recipients follow from her answers: contact details shared, pictures not on the website.
    expect(text).toContain('Andere ouders van de groep, via de klassenlijst voor de groepsapp')
    expect(text).toContain('schoolfotograaf')
    expect(text).not.toContain('bezoekers van de website van de school')
    expect(text).toContain('volgers van de social-media-accounts van de school')
    expect(text).toContain('Toestemmingen en bewijs: tot 24 maanden na het vertrek van de leerling')
    for (const right of ['Inzage:', 'Rectificatie:', 'Wissen:', 'Beperking en bezwaar:', 'Intrekken:']) expect(text).toContain(right)
    expect(text).toContain('OBS De Linde, Lindelaan 4, 1234 AB Dorp, info@delinde.nl, 0123-456789')
    expect(text).toContain('Mw. J. de Boer, fg@stichting.nl')
    expect(text).toContain('www.delinde.nl/privacy')
    expect(text).toContain('Autoriteit Persoonsgegevens')
    // The history in sentences: what changed, from what, when, how and by whom.
    expect(text).toContain('9 vastleggingen, nieuwste eerst')
    expect(reading).toContain(
      'Website van de school: van toestemming naar geweigerd, per 01-10-2026, per e-mail (mail van moeder, 30-09-2026), vastgelegd door Ans de Wit. Notitie: Wil geen foto’s meer op de website. Bijlage: mail moeder.pdf.',
    )
    expect(reading).toContain('Lokale media (krant, lokale tv): van geen antwoord naar geweigerd, per 01-09-2026, op een papieren formulier (toestemmingsformulier september)')
    expect(text).toContain('02-10-2026 · brief: Bevestiging intrekking toestemming')
    expect(reading).toContain('Wij hebben uw intrekking verwerkt. Zoë komt niet meer op de website.')
    expect(reading).toContain("Gegevens van Zoë gewijzigd: leerlingnummer van '1001' in '1001-B'.")
    expect(reading).toContain("Toestemming voor 'Website van de school' van Zoë vastgelegd: geweigerd (was toestemming), antwoord van de ouders/verzorgers samen via e-mail, gaat in op 01-10-2026.")
    expect(reading).toMatch(/mail moeder\.pdf PDF \d+ B Toestemming 01-10-2026 \(Website van de school\)/)
    expect(text).not.toContain('Alleen over Łukasz')
    expect(text).not.toContain('lukasz.png')
    // Never a field name, code, id or ISO date.
    expect(text).not.toMatch(/\b(studentNumber|firstName|guardianId|effectiveFrom|purpose:|source:|decision|class_video|paper_form|null|undefined)\b/)
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    // The footer suits the parent's own copy, and says who made it.
    expect(flat(pdftotextPages(pdf)[0] ?? '')).toContain('Vertrouwelijk: persoonsgegevens van Zoë. Bewaar dit zorgvuldig.')
    expect(text).not.toContain('Vernietigen na gebruik')
    expect(text).toContain('Gemaakt op 22-11-2026 om 10:30 door Ans de Wit')
  })

  it("for one guardian: says who asked, leaves out the other guardian's contact details and changes, and says so and why", async () => {
    const s = await pupilWithFile()
    await ok(s.core, 'guardians.save', { id: s.father.id, version: s.father.version, phone: '0611112222' })
    const pdf = await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, requesterGuardianId: s.mother.id })
    const text = flat(pdftotextPages(pdf, ['-layout']).join('\n'))
    expect(text).toContain('Antwoord op een verzoek om inzage (AVG artikel 15) voor Marieke van der Berg (moeder)')
    expect(text).toContain('Wat in deze kopie is weggelaten')
    expect(text).toContain(
      'De telefoonnummers en e-mailadressen van Ömer Yılmaz, en de wijzigingen in hun gegevens, staan niet in deze kopie voor Marieke van der Berg: dat zijn persoonsgegevens van een ander (AVG artikel 15 lid 4).',
    )
    expect(text).toContain('Ömer Yılmaz vader weggelaten weggelaten')
    expect(text).toContain('marieke@voorbeeld.nl')
    expect(text).not.toContain('0611112222')
    expect(text).not.toContain('0687654321')
    const zip = unzipSync(new Uint8Array(await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, format: 'zip', requesterGuardianId: s.mother.id })))
    const json = strFromU8(zip[Object.keys(zip).find((f) => f.endsWith('.json'))!]!)
    expect(json).not.toContain('0611112222')
    expect(json).not.toContain('0687654321')
    expect(JSON.parse(json)).toMatchObject({ requester: { guardianId: s.mother.id, name: 'Marieke van der Berg' } })
    expect(await s.core.dispatch('documents.dossier', { pupilId: s.zoe.id, requesterGuardianId: s.thanh.id })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'requesterGuardianId' } })
  })

  it('with 50 history entries: every section, and no raw key, id or ISO date anywhere in the PDF; no unchanged row', async () => {
    const s = await documentSchool()
    const codes = ['website', 'social_media', 'press', 'newsletter', 'class_video']
    for (let i = 0; i < 50; i++) {
      await ok(s.core, 'consent.record', {
        pupilId: s.zoe.id,
        decisions: [{ purposeId: s.purpose(codes[i % codes.length]!).id, decision: i % 2 === 0 ? 'refused' : 'granted' }],
        effectiveFrom: `2026-${String(1 + (i % 10)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
        source: (['phone', 'email', 'desk', 'paper_form'] as const)[i % 4]!,
        guardianId: i % 3 === 0 ? s.mother.id : undefined,
      })
    }
    // A save that changes nothing is not a change.
    await ok(s.core, 'guardians.save', { id: s.mother.id, version: s.mother.version, name: s.mother.name })
    const pages = pdftotextPages(await make(s.core, 'documents.dossier', { pupilId: s.zoe.id }))
    const text = flat(pages.join('\n'))
    for (const heading of ['Waarvoor de school gegevens gebruikt', 'Wie de gegevens ontvangt', 'Hoe lang de gegevens worden bewaard', 'Uw rechten', 'Vragen en klachten', 'Geschiedenis van de toestemming', 'Logboek']) {
      expect(text).toContain(heading)
    }
    expect(text).toContain('Geschiedenis van de toestemming (vervolg)')
    expect(text).toMatch(/Website van de school: van (geweigerd|toestemming|geen antwoord) naar (geweigerd|toestemming), per \d{2}-\d{2}-2026, (telefonisch|per e-mail|aan de balie|op een papieren formulier)/)
    expect(text).toContain('antwoord van Marieke van der Berg')
    const fieldNames =
      /\b(purpose|guardianId|effectiveFrom|source|decision|oldValue|newValue|studentNumber|firstName|lastName|birthDate|phoneNormalized|inGroupApp|preferredChannel|entryDate|social_media|class_video|paper_form|granted|refused|unknown)\b|→|[{}]/
    expect(text).not.toMatch(fieldNames)
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(text).not.toMatch(/: (\S+) naar \1\b/)
    expect(text).not.toMatch(/van '([^']*)' in '\1'/)
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
    expect(Object.keys(files).sort()).toEqual(['LEESMIJ.txt', `${base}.json`, `${base}.pdf`, ...attachmentRows.map((a) => `bijlagen/${a.id}-${a.fileName.replace(/ /g, '-')}`)].sort())
    expect(strFromU8(files[`${base}.pdf`]!.subarray(0, 5))).toBe('%PDF-')
    expect((await pdfPages(Buffer.from(files[`${base}.pdf`]!))).join('\n')).toContain('Leerlingdossier: Zoë van der Berg')

    const data = JSON.parse(strFromU8(files[`${base}.json`]!)) as DossierData
    expect(data).toMatchObject({ format: 'toestemmingsregister-dossier', formatVersion: 2, exportedAt: '2026-11-22T09:30:00.000Z', school: { name: 'OBS De Linde', schoolYear: '2026-2027' } })
    const pupilRow = db.prepare(`SELECT id, student_number, first_name, last_name_prefix, last_name, birth_date, enrolled_on, left_on, form_code, created_at, updated_at FROM pupils WHERE id = ?`).get(s.zoe.id) as Record<
      string,
      unknown
    >
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
    const guardians = db
      .prepare(`SELECT g.id, g.name, g.email, g.phone, g.phone_normalized AS phoneNormalized FROM pupil_guardians pg JOIN guardians g ON g.id = pg.guardian_id WHERE pg.pupil_id = ? ORDER BY pg.sort_order`)
      .all(s.zoe.id)
    expect(data.guardians.map(({ id, name, email, phone, phoneNormalized }) => ({ id, name, email, phone, phoneNormalized }))).toEqual(guardians)

    const records = db
      .prepare(
        `SELECT id, purpose_id AS purposeId, decision, effective_from AS effectiveFrom, source, source_detail AS sourceDetail, note, recorded_by AS recordedBy, recorded_at AS recordedAt, attachment_id AS attachmentId FROM consent_records WHERE pupil_id = ? ORDER BY id DESC`,
      )
      .all(s.zoe.id) as { id: number; attachmentId: number | null }[]
    expect(data.consentHistory).toHaveLength(records.length)
    expect(
      data.consentHistory.map(({ id, purposeId, decision, effectiveFrom, source, sourceDetail, note, recordedBy, recordedAt, attachment }) => ({
        id,
        purposeId,
        decision,
        effectiveFrom,
        source,
        sourceDetail,
        note,
        recordedBy,
        recordedAt,
        attachmentId: attachment?.id ?? null,
      })),
    ).toEqual(records)

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
    const readme = strFromU8(files['LEESMIJ.txt']!)
    expect(readme).toContain(`${base}.json`)
    // In local time, and explaining the JSON's codes.
    expect(readme).toContain('gemaakt op 22-11-2026 om 10:30 door Ans de Wit')
    expect(readme).not.toContain('2026-11-22T')
    expect(readme).toContain('refused = geweigerd')
    expect(readme).toContain('paper_form = papieren formulier')
    expect(readme).toContain('bijlagen/     de 3 bijlagen')
    // A file without attachments does not describe a folder that is not there.
    const none = unzipSync(new Uint8Array(await make(s.core, 'documents.dossier', { pupilId: s.daan.id, format: 'zip' })))
    expect(Object.keys(none).some((f) => f.startsWith('bijlagen/'))).toBe(false)
    expect(strFromU8(none['LEESMIJ.txt']!)).not.toContain('bijlagen/')
  })

  it('logs who exported the file, and refuses a pupil that does not exist', async () => {
    const s = await pupilWithFile()
    await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, format: 'pdf' })
    const log = s.core.ctx.db.prepare(`SELECT actor, new_value FROM audit_log WHERE action = 'dossier.export' AND pupil_id = ?`).all(s.zoe.id) as { actor: string; new_value: string }[]
    expect(log).toEqual([{ actor: 'Ans de Wit', new_value: JSON.stringify({ format: 'pdf', fileName: 'dossier-Zoe-van-der-Berg-2026-11-22.pdf' }) }])
    expect(await s.core.dispatch('documents.dossier', { pupilId: 9999 })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})
