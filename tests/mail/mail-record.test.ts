// Recording an answer from a parent's e-mail: the sender is matched to the pupil's guardian, the
// answer gets source e-mail and detail '<onderwerp>, <datum verzonden>', and the original mail is
// kept (hashed) as its proof: in the history, in the dossier's JSON and as a file in its ZIP.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { DossierData } from '../../electron/core/documents/dossier.ts'
import { documentSchool, flat, make, pdfPages } from '../documents/helpers.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { ok } from '../helpers/register.ts'

const NOW = new Date('2026-12-01T09:00:00Z')
const eml = readFileSync(join(import.meta.dirname, '../fixtures/mail/toestemming-website-nee.eml'))
/** The fixture as the desk chose it, for this test's core. */
const mailFile = (s: { core: Parameters<typeof chooseFile>[0] }) => chooseFile(s.core, 'Toestemming Zoë.eml', eml)

describe('an answer from an e-mail', () => {
  it('matches the sender to the guardian (case aside) and suggests the pupil on the list', async () => {
    const s = await documentSchool(NOW)
    const preview = await ok(s.core, 'mail.read', { pupilId: s.zoe.id, mail: mailFile(s) })
    expect(preview.guardianMatches).toEqual([{ guardianId: s.mother.id, name: 'Marieke van der Berg' }])
    expect(preview.suggestedPupils).toEqual([{ pupilId: s.zoe.id, name: 'Zoë van der Berg', groupName: '5' }])
    expect(preview).toMatchObject({ sentDate: '2026-11-30', sha256: createHash('sha256').update(eml).digest('hex') })
    expect(preview.attachments).toEqual([expect.objectContaining({ fileName: 'toestemmingsformulier-zoe.pdf', type: 'application/pdf', problem: null })])
    expect(s.core.ctx.db.prepare('SELECT count(*) FROM mails').pluck().get()).toBe(0)
  })

  it("records 'website: nee' from the mail, with the mail and its scan as proof, in the history and the dossier ZIP", async () => {
    const s = await documentSchool(NOW)
    const website = s.purpose('website')
    const detail = await ok(s.core, 'mail.record', { pupilId: s.zoe.id, mail: mailFile(s), decisions: [{ purposeId: website.id, decision: 'refused' }] })
    expect(detail.consent.find((c) => c.purposeId === website.id)?.decision).toBe('refused')
    const [last] = await ok(s.core, 'consent.history', { pupilId: s.zoe.id })
    expect(last).toMatchObject({
      purposeId: website.id,
      decision: 'refused',
      source: 'email',
      sourceDetail: "Toestemming foto's Zoë – website nee, 30-11-2026",
      guardianId: s.mother.id,
      effectiveFrom: '2026-11-30',
      attachment: { fileName: 'toestemmingsformulier-zoe.pdf', mimeType: 'application/pdf' },
      mail: { fileName: 'Toestemming Zoë.eml', format: 'eml', size: eml.length, sha256: createHash('sha256').update(eml).digest('hex'), fromAddress: 'marieke@voorbeeld.nl' },
    })
    const kept = await ok(s.core, 'mail.get', { id: last?.mail?.id ?? 0 })
    expect(kept.delivered === 'data' && Buffer.from(kept.data, 'base64').equals(eml)).toBe(true)
    const files = unzipSync(new Uint8Array(await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, format: 'zip' })))
    const mailInZip = Object.keys(files).filter((n) => n.startsWith('e-mails/'))
    expect(mailInZip).toEqual([`e-mails/${last?.mail?.id}-Toestemming-Zoe.eml`])
    expect(Buffer.from(files[mailInZip[0] ?? ''] ?? []).equals(eml)).toBe(true)
    const json = JSON.parse(strFromU8(files['dossier-Zoe-van-der-Berg-2026-12-01.json'] ?? new Uint8Array())) as DossierData
    expect(json.mails).toEqual([expect.objectContaining({ path: mailInZip[0], sha256: last?.mail?.sha256, belongsTo: 'Toestemming 30-11-2026 (Website van de school)' })])
    expect(strFromU8(files['LEESMIJ.txt'] ?? new Uint8Array())).toContain('e-mails/')
    // The PDF to read names the mail among the attachments, with what it proves and who sent it.
    const pdf = flat((await pdfPages(Buffer.from(files['dossier-Zoe-van-der-Berg-2026-12-01.pdf'] ?? []))).join(' '))
    expect(pdf).toContain('Toestemming Zoë.eml E-MAIL')
    expect(pdf).toContain('Toestemming 30-11-2026 (Website van de school) (e-mail van marieke@voorbeeld.nl, 30-11-2026 om 21:47)')
  })

  it('a later effective date may be chosen, an earlier one not; nothing is stored then', async () => {
    const s = await documentSchool(NOW)
    const decisions = [{ purposeId: s.purpose('website').id, decision: 'refused' as const }]
    const early = await s.core.dispatch('mail.record', { pupilId: s.zoe.id, mail: mailFile(s), decisions, effectiveFrom: '2026-11-29' })
    expect(early).toMatchObject({ ok: false, error: { message: expect.stringContaining('verzonden op 30-11-2026; het antwoord kan niet eerder ingaan. Er is niets opgeslagen') } })
    expect(s.core.ctx.db.prepare('SELECT count(*) FROM mails').pluck().get()).toBe(0)
    await ok(s.core, 'mail.record', { pupilId: s.zoe.id, mail: mailFile(s), decisions, effectiveFrom: '2026-12-01' })
    expect((await ok(s.core, 'consent.history', { pupilId: s.zoe.id }))[0]?.effectiveFrom).toBe('2026-12-01')
  })

  it('keeps the mail in the file as correspondence without recording consent', async () => {
    const s = await documentSchool(NOW)
    const before = (await ok(s.core, 'consent.history', { pupilId: s.zoe.id })).length
    const entry = await ok(s.core, 'mail.addToDossier', { pupilId: s.zoe.id, mail: mailFile(s) })
    expect(entry).toMatchObject({ kind: 'e-mail', entryDate: '2026-11-30', title: "E-mail van Marieke van der Berg: Toestemming foto's Zoë – website nee" })
    expect(entry.body).toContain('Zoë op de website')
    expect(entry.attachments.map((a) => a.fileName)).toEqual(['toestemmingsformulier-zoe.pdf'])
    expect((await ok(s.core, 'consent.history', { pupilId: s.zoe.id })).length).toBe(before)
    const files = unzipSync(new Uint8Array(await make(s.core, 'documents.dossier', { pupilId: s.zoe.id, format: 'zip' })))
    expect(Object.keys(files).filter((n) => n.startsWith('e-mails/'))).toHaveLength(1)
  })
})
