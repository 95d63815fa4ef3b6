// Saves that change an existing row, on a real database file: each needs the version the screen
// loaded, a stale one is refused in Dutch with nothing changed, a save after reloading goes
// through and answers with the new version, and a field left out keeps its stored value.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'

silenceLog()

let dir: string
let file: string
let core: Core
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-versions-'))
  file = join(dir, 'school.sqlite')
  core = openCore({ dbPath: file, appVersion: '0.0.0-test', now: () => new Date('2026-11-22T09:30:00Z') })
})
afterEach(() => {
  core.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A row as another connection to the file reads it: what is really stored. */
function stored(table: string, id: number): Record<string, unknown> {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(`SELECT * FROM "${table}" WHERE id = ?`).get(id) as Record<string, unknown>
  } finally {
    db.close()
  }
}

function relationOf(pupilId: number, guardianId: number): unknown {
  return core.ctx.db.prepare(`SELECT relation FROM pupil_guardians WHERE pupil_id = ? AND guardian_id = ?`).pluck().get(pupilId, guardianId)
}

async function school() {
  await setUpEmptySchool(core)
  const group = await ok(core, 'groups.save', { name: '5', teacherName: 'Juf Iris', teacherEmail: 'iris@delinde.nl' })
  const pupil = await ok(core, 'pupils.save', {
    firstName: 'Zoë',
    lastNamePrefix: 'van der',
    lastName: 'Berg',
    birthDate: '2017-04-07',
    studentNumber: '1001',
    groupId: group.id,
    enrolledOn: '2021-04-08',
    leavingReason: '',
  })
  const mother = await ok(core, 'guardians.save', {
    pupilId: pupil.id,
    name: 'Marieke van der Berg',
    relation: 'moeder',
    email: 'marieke@voorbeeld.nl',
    phone: '06-12345678',
    inGroupApp: false,
    preferredChannel: 'email',
  })
  const website = (await ok(core, 'purposes.list', {})).find((p) => p.code === 'website')
  if (!website) throw new Error('no website purpose')
  const entry = await ok(core, 'dossier.save', { pupilId: pupil.id, entryDate: '2026-11-20', kind: 'brief', title: 'Brief over toestemming', body: 'Verstuurd per post.' })
  return { group, pupil, mother, website, entry }
}

interface Case {
  method: string
  table: string
  /** The row's id, its version field and value as loaded, and whatever a change must send besides. */
  load: (s: Awaited<ReturnType<typeof school>>) => { id: number; key: 'version' | 'rowVersion'; version: number; extra?: Record<string, unknown> }
  /** Two different one-field changes: the other screen's and this screen's. */
  theirs: Record<string, unknown>
  mine: Record<string, unknown>
}

const CASES: Case[] = [
  { method: 'pupils.save', table: 'pupils', load: (s) => ({ id: s.pupil.id, key: 'version', version: s.pupil.version }), theirs: { lastName: 'Bergh' }, mine: { studentNumber: '2002' } },
  {
    method: 'guardians.save',
    table: 'guardians',
    load: (s) => ({ id: s.mother.id, key: 'version', version: s.mother.version }),
    theirs: { phone: '06 9999 0000' },
    mine: { email: 'marieke@anders.nl' },
  },
  { method: 'groups.save', table: 'groups', load: (s) => ({ id: s.group.id, key: 'version', version: s.group.version }), theirs: { teacherName: 'Meester Kees' }, mine: { name: '5a' } },
  // Only 'in gebruik' changes: the wording's version stays, the row's version must still move.
  { method: 'purposes.save', table: 'purposes', load: (s) => ({ id: s.website.id, key: 'rowVersion', version: s.website.rowVersion }), theirs: { active: false }, mine: { sortOrder: 5 } },
  {
    method: 'dossier.save',
    table: 'dossier_entries',
    load: (s) => ({ id: s.entry.id, key: 'version', version: s.entry.version, extra: { pupilId: s.entry.pupilId } }),
    theirs: { body: 'Verstuurd per post en per e-mail.' },
    mine: { title: 'Brief over foto’s' },
  },
]

const versionOf = (value: unknown, key: string): number => (value as Record<string, number>)[key] as number

describe.each(CASES)('$method', ({ method, table, load, theirs, mine }) => {
  it('without the version it loaded, the save is refused in Dutch and nothing changes', async () => {
    const { id, key, extra } = load(await school())
    const before = stored(table, id)
    const r = await core.dispatch(method, { id, ...extra, ...mine })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', field: key, message: expect.stringMatching(/niets opgeslagen.*Vernieuw het scherm/) } })
    expect(stored(table, id)).toEqual(before)
  })

  it("a stale version is refused, the other's change stays; after reloading the save goes through and answers the new version", async () => {
    const { id, key, version, extra } = load(await school())
    const other = await core.dispatch(method, { id, [key]: version, ...extra, ...theirs })
    expect(other.ok).toBe(true)
    expect(versionOf(other.ok && other.value, key)).toBe(version + 1)
    const afterTheirs = stored(table, id)

    const stale = await core.dispatch(method, { id, [key]: version, ...extra, ...mine })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const message = stale.ok ? '' : stale.error.message
    expect(message).toMatch(/intussen door iemand anders gewijzigd/)
    expect(message).toMatch(/niet opgeslagen/)
    expect(message).toMatch(/Vernieuw het scherm/)
    expect(stored(table, id)).toEqual(afterTheirs)

    const reloaded = versionOf(other.ok && other.value, key)
    const again = await core.dispatch(method, { id, [key]: reloaded, ...extra, ...mine })
    expect(again.ok).toBe(true)
    const next = versionOf(again.ok && again.value, key)
    expect(next).toBe(version + 2)
    // The answer's version is enough to save once more from the same screen.
    expect((await core.dispatch(method, { id, [key]: next, ...extra, ...theirs })).ok).toBe(true)
  })

  it('a field left out keeps its stored value', async () => {
    const { id, key, version, extra } = load(await school())
    const before = stored(table, id)
    await core.dispatch(method, { id, [key]: version, ...extra, ...mine })
    const after = stored(table, id)
    const moved = Object.keys(after).filter((column) => after[column] !== before[column])
    const expected = [...Object.keys(mine).map((field) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)), key === 'rowVersion' ? 'row_version' : 'version']
    expect(moved.filter((column) => column !== 'updated_at' && column !== 'search_text').sort()).toEqual(expected.sort())
  })
})

describe('omitted and cleared fields', () => {
  it('a pupil saved with one field keeps its group, guardians and dates; null and empty clear only what is sent', async () => {
    const { pupil, group, mother } = await school()
    const saved = await ok(core, 'pupils.save', { id: pupil.id, version: pupil.version, leavingReason: 'verhuisd' })
    expect(saved).toMatchObject({ firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', birthDate: '2017-04-07', studentNumber: '1001', enrolledOn: '2021-04-08', groupId: group.id })
    expect(relationOf(pupil.id, mother.id)).toBe('moeder')
    const cleared = await ok(core, 'pupils.save', { id: pupil.id, version: saved.version, birthDate: null, studentNumber: '', groupId: null })
    expect(cleared).toMatchObject({ firstName: 'Zoë', birthDate: null, studentNumber: null, groupId: null, leavingReason: 'verhuisd', enrolledOn: '2021-04-08' })
    expect(stored('pupils', pupil.id)).toMatchObject({ birth_date: null, student_number: null, leaving_reason: 'verhuisd', last_name_prefix: 'van der' })
  })

  it('a guardian saved with only a phone number keeps the relation, e-mail and group-app choice', async () => {
    const { pupil, mother } = await school()
    const saved = await ok(core, 'guardians.save', { id: mother.id, version: mother.version, pupilId: pupil.id, phone: '06 9999 0000' })
    expect(saved).toMatchObject({ name: 'Marieke van der Berg', email: 'marieke@voorbeeld.nl', phone: '06 9999 0000', inGroupApp: false, preferredChannel: 'email', relation: 'moeder' })
    expect(relationOf(pupil.id, mother.id)).toBe('moeder')
    const cleared = await ok(core, 'guardians.save', { id: mother.id, version: saved.version, email: '' })
    expect(cleared).toMatchObject({ email: '', phone: '06 9999 0000', inGroupApp: false })
  })

  it("a relation changed on one screen makes the other screen's card stale", async () => {
    const { pupil, mother } = await school()
    await ok(core, 'guardians.save', { id: mother.id, version: mother.version, pupilId: pupil.id, relation: 'pleegmoeder' })
    const stale = await core.dispatch('guardians.save', { id: mother.id, version: mother.version, pupilId: pupil.id, relation: 'moeder', phone: '06 1111 2222' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('niet opgeslagen') } })
    expect(relationOf(pupil.id, mother.id)).toBe('pleegmoeder')
    expect(stored('guardians', mother.id)).toMatchObject({ phone: '06-12345678' })
  })

  it('linking a guardian who is already linked does not overwrite the relation', async () => {
    const { pupil, mother } = await school()
    const r = await core.dispatch('guardians.link', { pupilId: pupil.id, guardianId: mother.id, relation: '' })
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('Er is niets veranderd') } })
    expect(relationOf(pupil.id, mother.id)).toBe('moeder')
  })

  it('retention periods saved one at a time keep the others; the rule between them is checked on the result', async () => {
    await school()
    const saved = await ok(core, 'retention.setPeriods', { periods: { dossier: 36, pupil: 48 } })
    expect(saved.periods).toEqual({ contact: 12, dossier: 36, consent: 24, pupil: 48 })
    expect((await ok(core, 'retention.setPeriods', { periods: { contact: 6 } })).periods).toEqual({ contact: 6, dossier: 36, consent: 24, pupil: 48 })
    // A pupil period shorter than the stored dossier period is refused, though dossier was not sent.
    expect(await core.dispatch('retention.setPeriods', { periods: { pupil: 24 } })).toMatchObject({ ok: false, error: { code: 'validation', field: 'pupil', message: expect.stringContaining('36 maanden') } })
    expect((await ok(core, 'retention.overview', {})).periods).toEqual({ contact: 6, dossier: 36, consent: 24, pupil: 48 })
  })

  it('a new row needs no version, and a version without an id is refused', async () => {
    await school()
    expect((await core.dispatch('groups.save', { name: '6' })).ok).toBe(true)
    expect(await core.dispatch('groups.save', { name: '7', version: 3 })).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('version') } })
    // A purpose's code is made once: a change that sends one is refused, not silently ignored.
    expect(await core.dispatch('purposes.save', { id: 1, rowVersion: 1, code: 'anders' })).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('code') } })
  })
})

describe('an import changes a row a screen has open', () => {
  const csv = (rows: string[]) => ({
    name: 'leerlingen.csv',
    data: Buffer.from(['Leerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Naam ouder 1;Relatie ouder 1', ...rows].join('\r\n')).toString('base64'),
  })

  it('a group changed by an import makes the open pupil screen stale, so saving it does not move the pupil back', async () => {
    const { pupil, group } = await school()
    const six = await ok(core, 'groups.save', { name: '6' })
    await ok(core, 'imports.commit', { files: [csv(['1001;Zoë;van der;Berg;07-04-2017;6;Marieke van der Berg;moeder'])] })
    expect((await ok(core, 'pupils.get', { id: pupil.id })).groupId).toBe(six.id)
    // The screen still shows group 5 and sends its whole form, as the pupil page does.
    const stale = await core.dispatch('pupils.save', { id: pupil.id, version: pupil.version, firstName: 'Zoë', lastNamePrefix: 'van der', lastName: 'Berg', groupId: group.id, leavingReason: 'n.v.t.' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await ok(core, 'pupils.get', { id: pupil.id })).groupId).toBe(six.id)
  })

  it('undoing that import moves the group back, and the screen opened in between is stale again', async () => {
    const { pupil, group } = await school()
    await ok(core, 'groups.save', { name: '6' })
    const { batch } = await ok(core, 'imports.commit', { files: [csv(['1001;Zoë;van der;Berg;07-04-2017;6;Marieke van der Berg;moeder'])] })
    const between = await ok(core, 'pupils.get', { id: pupil.id })
    await ok(core, 'imports.undo', { batchId: batch?.id ?? 0 })
    expect((await ok(core, 'pupils.get', { id: pupil.id })).groupId).toBe(group.id)
    const stale = await core.dispatch('pupils.save', { id: pupil.id, version: between.version, groupId: between.groupId })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await ok(core, 'pupils.get', { id: pupil.id })).groupId).toBe(group.id)
  })

  it('a relation changed by an import makes the open guardian card stale', async () => {
    const { pupil, mother } = await school()
    await ok(core, 'imports.commit', { files: [csv(['1001;Zoë;van der;Berg;07-04-2017;5;Marieke van der Berg;pleegmoeder'])] })
    expect(relationOf(pupil.id, mother.id)).toBe('pleegmoeder')
    const stale = await core.dispatch('guardians.save', { id: mother.id, version: mother.version, pupilId: pupil.id, relation: 'moeder' })
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(relationOf(pupil.id, mother.id)).toBe('pleegmoeder')
  })
})
