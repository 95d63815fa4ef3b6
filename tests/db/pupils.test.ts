import { describe, expect, it } from 'vitest'
import { ok, registerCore } from '../helpers/register.ts'
import { chooseFile, chooseSparseFile } from '../helpers/chosen-file.ts'

describe('pupils and guardians', () => {
  it('finds a pupil by first name without diacritics, surname with or without tussenvoegsel, number, guardian and form code', async () => {
    const { core, pupil } = await registerCore()
    await ok(core, 'pupils.save', { firstName: 'Zoey', lastName: 'Smit' })
    const find = async (query: string) => (await ok(core, 'pupils.search', { query })).map((p) => p.id)
    expect(await find('zoe')).toContain(pupil.id)
    expect(await find('berg')).toEqual([pupil.id])
    expect(await find('van der berg')).toEqual([pupil.id])
    expect(await find('Berg Zoë')).toEqual([pupil.id])
    expect(await find('1001')).toEqual([pupil.id])
    expect(await find('yilmaz')).toEqual([pupil.id]) // a guardian's name, without the dotless ı
    expect(await find(pupil.formCode.toLowerCase())).toEqual([pupil.id])
    expect(await find(pupil.formCode.replace('-', ''))).toEqual([pupil.id])
    expect(await find('100%')).toEqual([])
    expect(await find('')).toEqual([])
    const hits = await ok(core, 'pupils.search', { query: 'zoe' })
    expect(hits[0]).toMatchObject({ firstName: 'Zoë', groupName: '5', guardianNames: 'Marieke van der Berg, Ömer Yılmaz' })
  })

  it('a guardian is shared by siblings: a new phone number shows at every child', async () => {
    const { core, pupil, mother, group } = await registerCore()
    const sibling = await ok(core, 'pupils.save', { firstName: 'Daan', lastNamePrefix: 'van der', lastName: 'Berg', groupId: group.id })
    await ok(core, 'guardians.link', { pupilId: sibling.id, guardianId: mother.id, relation: 'moeder' })
    await ok(core, 'guardians.save', { id: mother.id, version: mother.version, pupilId: pupil.id, name: mother.name, relation: 'moeder', email: mother.email, phone: '06 9999 0000' })
    const d = await ok(core, 'pupils.get', { id: sibling.id })
    expect(d.guardians).toEqual([expect.objectContaining({ id: mother.id, phone: '06 9999 0000', phoneNormalized: '+31699990000', otherPupils: [{ id: pupil.id, name: 'Zoë van der Berg' }] })])
    const stale = await core.dispatch('guardians.save', { id: mother.id, version: mother.version, name: 'Marieke', phone: '06-11111111' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const audit = await ok(core, 'audit.list', { pupilId: sibling.id })
    expect(audit.find((a) => a.action === 'guardian.update')).toMatchObject({ oldValue: { phone: '06-12345678' }, newValue: { phone: '06 9999 0000' } })
  })

  it('refuses bad input at the field, in Dutch, and saves nothing half', async () => {
    const { core, pupil } = await registerCore()
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ firstName: 'Tim', lastName: '' }, 'lastName', /achternaam/],
      [{ firstName: 'Tim', lastName: 'Bos', birthDate: '2017-02-30' }, 'birthDate', /bestaat niet/],
      [{ firstName: 'Tim', lastName: 'Bos', birthDate: '2030-01-01' }, 'birthDate', /toekomst/],
      [{ firstName: 'Tim', lastName: 'Bos', studentNumber: '1001' }, 'studentNumber', /andere leerling/],
      [{ firstName: 'Tim', lastName: 'Bos', enrolledOn: '2026-09-01', leftOn: '2026-08-01' }, 'leftOn', /vóór/],
    ]
    for (const [input, field, message] of cases) {
      const r = await core.dispatch('pupils.save', input)
      expect(r, JSON.stringify(input)).toMatchObject({ ok: false, error: { field, message: expect.stringMatching(message) } })
    }
    const email = await core.dispatch('guardians.save', { pupilId: pupil.id, name: 'X', email: 'geen-mail' })
    expect(email).toMatchObject({ ok: false, error: { field: 'email' } })
    expect(core.ctx.db.prepare(`SELECT count(*) FROM pupils`).pluck().get()).toBe(1)
    expect(core.ctx.db.prepare(`SELECT count(*) FROM guardians`).pluck().get()).toBe(2)
  })

  it('a stale pupil screen is refused, not saved over a newer change; every change is audited with old and new', async () => {
    const { core, pupil } = await registerCore()
    const first = await ok(core, 'pupils.save', {
      id: pupil.id,
      version: pupil.version,
      firstName: 'Zoë',
      lastNamePrefix: 'van der',
      lastName: 'Bergh',
      birthDate: '2017-04-07',
      studentNumber: '1001',
      groupId: pupil.groupId,
    })
    expect(first.version).toBe(pupil.version + 1)
    const stale = await core.dispatch('pupils.save', { id: pupil.id, version: pupil.version, firstName: 'Zoe', lastName: 'Berg' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await ok(core, 'pupils.get', { id: pupil.id })).lastName).toBe('Bergh')
    const audit = await ok(core, 'audit.list', { pupilId: pupil.id })
    expect(audit[0]).toMatchObject({ action: 'pupil.update', actor: 'Ans de Wit', oldValue: { lastName: 'Berg' }, newValue: { lastName: 'Bergh' } })
  })

  it('adds a school-specific purpose with a code made from its label', async () => {
    const { core } = await registerCore()
    const p = await ok(core, 'purposes.save', { label: 'Schoolreis & kamp', description: "Foto's van het schoolkamp in het fotoalbum.", active: true })
    expect(p).toMatchObject({ code: 'schoolreis_kamp', version: 1, active: true })
    expect((await ok(core, 'purposes.list', {})).at(-1)?.id).toBe(p.id)
    const off = await ok(core, 'purposes.save', { id: p.id, rowVersion: p.rowVersion, label: p.label, description: p.description, active: false })
    expect(off.version).toBe(1)
    expect((await ok(core, 'purposes.list', {})).some((x) => x.id === p.id)).toBe(false)
  })

  it('keeps dossier entries with attachments', async () => {
    const { core, pupil } = await registerCore()
    const e = await ok(core, 'dossier.save', {
      pupilId: pupil.id,
      entryDate: '2026-11-20',
      kind: 'brief',
      title: 'Brief over toestemming',
      body: 'Verstuurd per post.',
      attachments: [chooseFile(core, 'brief.pdf', '%PDF-1.4\n%%EOF\n')],
    })
    expect(e).toMatchObject({ title: 'Brief over toestemming', createdBy: 'Ans de Wit', attachments: [{ fileName: 'brief.pdf', mimeType: 'application/pdf' }] })
    const list = await ok(core, 'dossier.list', { pupilId: pupil.id })
    expect(list).toHaveLength(1)
  })

  it('refuses a dossier entry whose second attachment is 6 GB by its size at once, before any file is read, and saves nothing', async () => {
    const { core, pupil } = await registerCore()
    const entry = { pupilId: pupil.id, entryDate: '2026-11-20', kind: 'brief', title: 'Brief met bijlagen' }
    const started = performance.now()
    const r = await core.dispatch('dossier.save', { ...entry, attachments: [chooseFile(core, 'brief.pdf', '%PDF-1.4\n%%EOF\n'), chooseSparseFile(core, 'hele-map.pdf', 6 * 1024 ** 3)] })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: 'attachments.1', message: expect.stringContaining('hele-map.pdf is groter dan 20 MB. Er is niets opgeslagen.') } })
    expect(await ok(core, 'dossier.list', { pupilId: pupil.id })).toEqual([])
    expect(core.ctx.db.prepare(`SELECT count(*) FROM attachments`).pluck().get()).toBe(0)
    // An attachment sent along as base64 is no longer taken.
    const sent = await core.dispatch('dossier.save', { ...entry, attachments: [{ fileName: 'brief.pdf', mimeType: 'application/pdf', data: 'JVBERi0xLjQK' }] })
    expect(sent).toMatchObject({ ok: false, error: { code: 'validation' } })
  })
})

describe('groups', () => {
  it('refuses a stale group screen and a second group with the same name', async () => {
    const { core, group } = await registerCore()
    const [listed] = await ok(core, 'groups.list', {})
    const version = listed?.version ?? 1
    await ok(core, 'groups.save', { id: group.id, version, name: '5', teacherName: 'Meester Kees' })
    const stale = await core.dispatch('groups.save', { id: group.id, version, name: '5', teacherName: 'Juf Iris' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const twin = await core.dispatch('groups.save', { name: '5' })
    expect(twin).toMatchObject({ ok: false, error: { field: 'name', message: expect.stringContaining('al een groep 5') } })
    expect((await ok(core, 'groups.list', {})).map((g) => g.teacherName)).toEqual(['Meester Kees'])
  })
})
