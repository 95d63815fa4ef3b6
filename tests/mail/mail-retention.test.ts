// A kept e-mail is the pupil's data: when the pupil's file and answers are removed after the
// retention period, the mail goes too (as the scans do), from the register and its file.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'
import { pupilLeaves, removeDue } from '../helpers/leavers.ts'

const eml = readFileSync(join(import.meta.dirname, '../fixtures/mail/toestemming-website-nee.eml'))

describe('a kept e-mail after the retention period', () => {
  it('is removed with the answers and the dossier entry it belongs to', async () => {
    let clock = new Date('2026-12-01T09:00:00Z')
    const core = openCore({ dbPath: ':memory:', appVersion: '0.0.0-test', now: () => clock })
    await setUpEmptySchool(core)
    const group = await ok(core, 'groups.save', { name: '8' })
    let pupil = await ok(core, 'pupils.save', { firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2014-04-07', groupId: group.id })
    await ok(core, 'guardians.save', { pupilId: pupil.id, name: 'Marieke van der Berg', relation: 'moeder', email: 'marieke@voorbeeld.nl' })
    const website = (await ok(core, 'purposes.list', {})).find((p) => p.code === 'website')
    const mail = chooseFile(core, 'mail.eml', eml)
    await ok(core, 'mail.record', { pupilId: pupil.id, mail, decisions: [{ purposeId: website?.id ?? 0, decision: 'refused' }] })
    await ok(core, 'mail.addToDossier', { pupilId: pupil.id, mail })
    const { db } = core.ctx
    expect(db.prepare('SELECT count(*) FROM mails').pluck().get()).toBe(2)

    await pupilLeaves(core, pupil.id, '2026-12-01')
    clock = new Date('2033-01-01T09:00:00Z')
    await removeDue(core, pupil.id)
    expect(db.prepare('SELECT count(*) FROM mails').pluck().get()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM consent_record_mails').pluck().get()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM dossier_entry_mails').pluck().get()).toBe(0)
  })
})
