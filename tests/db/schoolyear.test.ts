import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { ok } from '../helpers/register.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

async function demoOnFile(now = new Date('2027-07-20T10:00:00Z')) {
  const dir = mkdtempSync(join(tmpdir(), 'tr-year-'))
  dirs.push(dir)
  let clock = now
  const core = openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => clock })
  await ok(core, 'settings.update', { schoolYear: '2026-2027' })
  await ok(core, 'school.setup', { mode: 'demo' })
  return { core, dir, setClock: (d: Date) => (clock = d) }
}

describe('retention', () => {
  it('shows what is due after leaving, removes exactly that after a backup, and leaves no trace in the file', async () => {
    const { core, setClock } = await demoOnFile(new Date('2026-11-22T10:00:00Z'))
    const [pupil] = await ok(core, 'pupils.list', {})
    if (!pupil) throw new Error('no pupil')
    const detail = await ok(core, 'pupils.get', { id: pupil.id })
    await ok(core, 'pupils.save', { id: pupil.id, version: detail.version, firstName: 'Quirijntje', lastNamePrefix: pupil.lastNamePrefix, lastName: pupil.lastName, leftOn: '2026-11-30' })
    await ok(core, 'dossier.save', { pupilId: pupil.id, entryDate: '2026-11-22', kind: 'brief', title: 'Vertrekbrief Quirijntje', body: 'Inhoud' })
    expect((await ok(core, 'retention.overview', {})).due).toEqual([])

    setClock(new Date('2028-12-15T10:00:00Z')) // 2 years and a bit after leaving
    const overview = await ok(core, 'retention.overview', {})
    const due = overview.due.find((d) => d.pupilId === pupil.id)
    expect(due?.name).toContain('Quirijntje')
    expect(due?.kinds.map((k) => k.kind).sort()).toEqual(['consent', 'dossier', 'pupil'].concat(due?.kinds.some((k) => k.kind === 'contact') ? ['contact'] : []).sort())
    expect(due?.kinds.find((k) => k.kind === 'dossier')).toMatchObject({ dueSince: '2028-11-30', items: 1 })

    const result = await ok(core, 'retention.remove', { items: [{ pupilId: pupil.id, kinds: due?.kinds.map((k) => k.kind) ?? [] }] })
    expect(result.pupilsRemoved).toBe(1)
    expect(result.backup).toMatch(/retention\.sqlite$/)
    expect((await core.dispatch('pupils.get', { id: pupil.id })).ok).toBe(false)
    const log = (await ok(core, 'audit.list', {})).find((a) => a.action === 'retention.remove')
    expect(JSON.stringify(log)).not.toContain('Quirijntje')
    core.close()
    const bytes = readFileSync(core.ctx.dbPath)
    expect(bytes.includes(Buffer.from('Quirijntje'))).toBe(false)
    expect(bytes.includes(Buffer.from('Vertrekbrief'))).toBe(false)
  })

  it('refuses a removal the user did not see as due, and a pupil period shorter than the others', async () => {
    const { core } = await demoOnFile(new Date('2026-11-22T10:00:00Z'))
    const [pupil] = await ok(core, 'pupils.list', {})
    const r = await core.dispatch('retention.remove', { items: [{ pupilId: pupil?.id ?? 0, kinds: ['pupil'] }] })
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect((await ok(core, 'pupils.list', {})).length).toBe(160)
    const short = await core.dispatch('retention.setPeriods', { periods: { contact: 12, dossier: 24, consent: 36, pupil: 24 } })
    expect(short).toMatchObject({ ok: false, error: { field: 'pupil' } })
    core.close()
  })
})
