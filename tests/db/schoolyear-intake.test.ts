// Intake during the year: a kleuter who starts on an ordinary February day gets a year level,
// a consent form printed at once, is on the no-consent lists from that day, and moves on at the
// rollover with the group.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { proposedRollover } from '../../shared/schoolyear.ts'
import { make, pdfPages } from '../documents/helpers.ts'
import { ok } from '../helpers/register.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('intake during the year', () => {
  it('a kleuter added on 17 February: level 1 to check, its consent form at once, on the no-consent list that day, in 1/2a level 2 next year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tr-intake-'))
    dirs.push(dir)
    let clock = new Date('2026-10-01T08:00:00Z')
    const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => clock })
    await ok(core, 'school.setup', { mode: 'demo' })
    clock = new Date('2027-02-17T08:30:00Z')
    const group = (await ok(core, 'groups.list', {})).find((g) => g.name === '1/2a')
    const kid = await ok(core, 'pupils.save', { firstName: 'Nguyễn', lastName: 'Thị Mai', birthDate: '2023-02-16', groupId: group?.id ?? 0 })
    expect(kid).toMatchObject({ groupName: '1/2a', yearLevel: 1, yearLevelUnsure: true, enrolledOn: '2027-02-17' })

    const form = (await pdfPages(await make(core, 'documents.consentForms', { pupilIds: [kid.id] }))).join('\n')
    expect(form).toContain('Nguyễn Thị Mai')
    expect(form).toContain(kid.formCode)

    const list = (await pdfPages(await make(core, 'documents.noConsentList', { groupIds: [group?.id ?? 0] }))).join('\n')
    // First name first, on the list's top part: no purpose has an answer yet.
    expect(list).toMatch(/Mag op geen enkele foto 1 leerling[\s\S]*Nguyễn Thị Mai( \?){7}/)
    expect(list).toMatch(/gemaakt op 17-02-2027/i)

    clock = new Date('2027-07-20T10:00:00Z')
    const preview = await ok(core, 'schoolyear.rolloverPreview', {})
    expect(preview.pupils.find((p) => p.pupilId === kid.id)).toMatchObject({ groupName: '1/2a', yearLevel: 1, yearLevelUnsure: true })
    await ok(core, 'schoolyear.rollover', proposedRollover(preview))
    expect(await ok(core, 'pupils.get', { id: kid.id })).toMatchObject({ groupName: '1/2a', yearLevel: 2 })
    // The pupil's file says it in words: the move, from 1/2a level 1 to 1/2a level 2.
    const dossier = (await pdfPages(await make(core, 'documents.dossier', { pupilId: kid.id, format: 'pdf' }))).join('\n')
    expect(dossier.replace(/\s+/g, ' ')).toMatch(/Nguyễn naar groep 1\/2a, leerjaar 2 in schooljaar 2027-2028/)
    expect(dossier).not.toContain('pupil.rollover')
    core.close()
  })
})
