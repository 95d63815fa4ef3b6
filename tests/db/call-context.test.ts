// The call's context, worked out once per call by dispatch: the school year is read once and
// reused within the call, a call that changes the school year (settings, rollover) sees the new
// one from then on, the next call reads it afresh; the handler gets the app's own context (so
// progress and a restore's new connection are kept on it), and two calls at once keep their own.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { handlers } from '../../electron/core/api.ts'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { createDispatch } from '../../electron/core/dispatch.ts'
import { groupsOfCurrentYear } from '../../electron/core/groups/groups.service.ts'
import { silenceLog } from '../../electron/core/log.ts'
import { applyRollover, rolloverPreview } from '../../electron/core/schoolyear/rollover.service.ts'
import { schoolYearId, updateSettings } from '../../electron/core/settings/settings.service.ts'
import type { GroupSummary } from '../../shared/domain.ts'
import { proposedRollover } from '../../shared/schoolyear.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'

silenceLog()
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

function fileCore(now: Date): Core {
  const dir = mkdtempSync(join(tmpdir(), 'tr-call-context-'))
  dirs.push(dir)
  return openCore({ dbPath: join(dir, 'school.sqlite'), appVersion: 'test', now: () => now })
}

const yearNameOf = (core: Core, id: number) => core.ctx.db.prepare(`SELECT name FROM school_years WHERE id = ?`).pluck().get(id)

describe('the school year of a call', () => {
  it('is read once per call: a change behind the service’s back shows only in the next call', async () => {
    const core = fileCore(new Date('2026-11-22T09:30:00Z'))
    await ok(core, 'school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    const seen: string[] = []
    const dispatch = createDispatch(core.ctx, {
      ...handlers,
      'groups.list': (ctx) => {
        expect(ctx).toBe(core.ctx)
        seen.push(String(yearNameOf(core, schoolYearId(ctx))))
        ctx.db.prepare(`INSERT INTO school_settings (key, value) VALUES ('schoolYear', '2030-2031') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run()
        seen.push(String(yearNameOf(core, schoolYearId(ctx))))
        return []
      },
    })
    expect((await dispatch('groups.list', {})).ok).toBe(true)
    expect((await dispatch('groups.list', {})).ok).toBe(true)
    expect(seen).toEqual(['2026-2027', '2026-2027', '2030-2031', '2030-2031'])
    core.close()
  })

  it('is the new year after settings.update changed it within the same call', async () => {
    const core = fileCore(new Date('2026-11-22T09:30:00Z'))
    await setUpEmptySchool(core)
    const dispatch = createDispatch(core.ctx, {
      ...handlers,
      'settings.get': (ctx) => {
        const before = yearNameOf(core, schoolYearId(ctx))
        const settings = updateSettings(ctx, { schoolYear: '2027-2028', staffName: 'Piet Jansen' })
        return { ...settings, schoolName: `${before} → ${yearNameOf(core, schoolYearId(ctx))}` }
      },
    })
    const r = await dispatch('settings.get', {})
    expect(r.ok && r.value).toMatchObject({ schoolName: '2026-2027 → 2027-2028', schoolYear: '2027-2028', staffName: 'Piet Jansen' })
    core.close()
  })

  it('lists next year’s groups after a rollover in the same call, not last year’s', async () => {
    const core = fileCore(new Date('2027-07-20T10:00:00Z'))
    await ok(core, 'settings.update', { schoolYear: '2026-2027' })
    await ok(core, 'school.setup', { mode: 'demo' })
    const lists: GroupSummary[][] = []
    const dispatch = createDispatch(core.ctx, {
      ...handlers,
      'groups.list': async (ctx) => {
        lists.push(groupsOfCurrentYear(ctx))
        await applyRollover(ctx, proposedRollover(rolloverPreview(ctx)))
        lists.push(groupsOfCurrentYear(ctx))
        return lists[1]!
      },
    })
    const r = await dispatch('groups.list', {})
    expect(r.ok).toBe(true)
    const [before, after] = lists as [GroupSummary[], GroupSummary[]]
    expect(before.length).toBeGreaterThan(0)
    expect(after.length).toBeGreaterThan(0)
    expect(after.map((g) => g.id).filter((id) => before.some((b) => b.id === id))).toEqual([])
    const yearOfGroup = (id: number) => core.ctx.db.prepare(`SELECT y.name FROM groups g JOIN school_years y ON y.id = g.school_year_id WHERE g.id = ?`).pluck().get(id)
    expect(new Set(after.map((g) => yearOfGroup(g.id)))).toEqual(new Set(['2027-2028']))
    expect((await ok(core, 'groups.list', {})).map((g) => g.id)).toEqual(after.map((g) => g.id))
    core.close()
  })

  it('keeps the scope of two calls at once apart, also across their awaits', async () => {
    const core = fileCore(new Date('2026-11-22T09:30:00Z'))
    await ok(core, 'school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    const put = (year: string) => core.ctx.db.prepare(`INSERT INTO school_settings (key, value) VALUES ('schoolYear', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(year)
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const seen: Record<string, string[]> = { first: [], second: [] }
    const dispatch = createDispatch(core.ctx, {
      ...handlers,
      'groups.list': async (ctx) => {
        const who = seen['first']!.length === 0 ? 'first' : 'second'
        seen[who]!.push(String(yearNameOf(core, schoolYearId(ctx))))
        if (who === 'first') await gate
        seen[who]!.push(String(yearNameOf(core, schoolYearId(ctx))))
        return []
      },
    })
    const first = dispatch('groups.list', {})
    put('2031-2032')
    await dispatch('groups.list', {})
    release()
    await first
    expect(seen).toEqual({ first: ['2026-2027', '2026-2027'], second: ['2031-2032', '2031-2032'] })
    core.close()
  })

  it('lets a restore within a call replace the app’s connection, and reads the year from the new one', async () => {
    const core = fileCore(new Date('2026-11-22T09:30:00Z'))
    await ok(core, 'school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    const backups = await ok(core, 'backups.create', {})
    await ok(core, 'settings.update', { schoolYear: '2027-2028' })
    const before = core.ctx.db
    const restored = await ok(core, 'backups.restore', { name: backups.backups[0]!.name })
    expect(restored.backups.length).toBeGreaterThan(0)
    expect(core.ctx.db).not.toBe(before)
    expect(core.ctx.db.open).toBe(true)
    expect((await ok(core, 'settings.get', {})).schoolYear).toBe('2026-2027')
    core.close()
  })
})
