// Stoppen while a long print runs: a round's forms for a school of 200 pupils, and the Afdrukken
// page's forms for the whole school. A stopped print stops at the next page, opens no save dialog,
// writes no file and records nothing (no form marked as handed out, no layout kept); a print that
// runs to the end, or whose save dialog is cancelled, is recorded only when the file was delivered.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openCore, type Core } from '../../electron/core/boot.ts'
import { cancelJob, listenToProgress, type ProgressEvent } from '../../electron/core/progress.ts'
import { generateSchool } from '../../electron/core/school/generate.ts'
import { insertSchool } from '../../electron/core/school/school.service.ts'
import { JOB_CANCELLED_MESSAGE } from '../../shared/jobs.contract.ts'
import { pdfPages } from './helpers.ts'
import { ok, setUpEmptySchool } from '../helpers/register.ts'

/** Enough forms that a stop after 25 is far from the end; the full print of them is part of the test. */
const PUPILS = 200
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A school of PUPILS pupils in a real database file, with a desktop whose save dialog answers `savePath` (or is cancelled). */
async function largeSchool() {
  const dir = mkdtempSync(join(tmpdir(), 'tr-print-stop-'))
  dirs.push(dir)
  const dialogs: string[] = []
  const answer = { savePath: join(dir, 'formulieren.pdf') as string | undefined }
  const core: Core = openCore({
    dbPath: join(dir, 'register.sqlite'),
    appVersion: '0.0.0-test',
    now: () => new Date('2026-12-01T09:00:00Z'),
    desktop: {
      chooseSavePath: async (name) => {
        dialogs.push(name)
        return answer.savePath
      },
      openPath: async () => undefined,
    },
  })
  await setUpEmptySchool(core)
  core.ctx.db.transaction(() => insertSchool(core.ctx, generateSchool({ pupils: PUPILS }), 'Ans de Wit'))()
  const events: ProgressEvent[] = []
  /** Asks for a stop (as jobs.cancel does) once `after` forms are done. */
  const stopAfter = { id: '', after: Infinity }
  listenToProgress(core.ctx, (e) => {
    events.push(e)
    if (e.progressId === stopAfter.id && e.running && e.done === stopAfter.after) cancelJob(core.ctx, e.progressId)
  })
  const count = (sql: string): number => core.ctx.db.prepare(sql).pluck().get() as number
  const recorded = () => ({
    printed: count('SELECT count(*) FROM campaign_forms WHERE printed_at IS NOT NULL'),
    layouts: count('SELECT count(*) FROM form_layouts'),
  })
  return { core, dialogs, answer, events, stopAfter, recorded }
}

describe('Stoppen while printing many forms', () => {
  it("a round's 200 forms stopped after 25: no save dialog, no file, no form recorded as handed out; printed to the end they are", async () => {
    const s = await largeSchool()
    const round = await ok(s.core, 'campaigns.start', { name: 'Toestemming 2026-2027' })
    expect(round.total).toBe(PUPILS)
    expect(s.recorded()).toEqual({ printed: 0, layouts: 0 })

    Object.assign(s.stopAfter, { id: 'ronde-stop-1', after: 25 })
    const t = performance.now()
    const stopped = await s.core.dispatch('campaigns.printForms', { id: round.id, delivery: 'save', progressId: 'ronde-stop-1' })
    expect(stopped).toEqual({ ok: false, error: { code: 'cancelled', message: JOB_CANCELLED_MESSAGE } })
    // It stopped at the next form (the 26th is drawn, then the stop is seen), not after the 200.
    const mine = s.events.filter((e) => e.progressId === 'ronde-stop-1')
    expect(Math.max(...mine.map((e) => e.done))).toBe(26)
    expect(mine.at(-1)).toMatchObject({ running: false, total: PUPILS })
    expect(performance.now() - t).toBeLessThan(20_000)
    expect(s.dialogs).toEqual([])
    expect(existsSync(s.answer.savePath ?? '')).toBe(false)
    expect(s.recorded()).toEqual({ printed: 0, layouts: 0 })
    expect(await ok(s.core, 'documents.progress', { progressId: 'ronde-stop-1' })).toEqual({ done: 0, total: 0, running: false })

    // A cancelled save dialog: the forms were made but never handed out, so nothing is recorded.
    const [first] = round.groups
    s.answer.savePath = undefined
    expect(await ok(s.core, 'campaigns.printForms', { id: round.id, delivery: 'save', groupIds: [first?.groupId ?? 0] })).toEqual({ delivered: 'cancelled' })
    expect(s.recorded().printed).toBe(0)
    // One group's forms saved: those forms are recorded as handed out, not the other groups'.
    s.answer.savePath = join(dirs[0] ?? '', 'groep.pdf')
    expect(await ok(s.core, 'campaigns.printForms', { id: round.id, delivery: 'save', groupIds: [first?.groupId ?? 0] })).toMatchObject({ delivered: 'saved' })
    expect(s.recorded().printed).toBe(first?.total)
    expect(first?.total).toBeLessThan(PUPILS)

    // The same round printed to the end: one file of all its forms, every form recorded.
    s.answer.savePath = join(dirs[0] ?? '', 'formulieren.pdf')
    const printed = await ok(s.core, 'campaigns.printForms', { id: round.id, delivery: 'save', progressId: 'ronde-heel-1' })
    expect(printed).toMatchObject({ delivered: 'saved', path: s.answer.savePath })
    expect(existsSync(s.answer.savePath)).toBe(true)
    expect(s.recorded()).toMatchObject({ printed: PUPILS })
    expect(s.recorded().layouts).toBeGreaterThan(0)
  }, 120_000)

  it("the whole school's forms from Afdrukken stopped after 10: no file and no layout kept", async () => {
    const s = await largeSchool()
    Object.assign(s.stopAfter, { id: 'school-stop-1', after: 10 })
    const stopped = await s.core.dispatch('documents.consentForms', { delivery: 'save', progressId: 'school-stop-1' })
    expect(stopped).toEqual({ ok: false, error: { code: 'cancelled', message: JOB_CANCELLED_MESSAGE } })
    expect(Math.max(...s.events.filter((e) => e.progressId === 'school-stop-1').map((e) => e.done))).toBe(11)
    expect(s.dialogs).toEqual([])
    expect(existsSync(s.answer.savePath ?? '')).toBe(false)
    expect(s.recorded().layouts).toBe(0)
    // A stop that arrives after its job ended stops nothing, not the next job under that id.
    expect(await ok(s.core, 'jobs.cancel', { progressId: 'school-stop-1' })).toEqual({ running: false })
    s.stopAfter.id = ''
    const data = await ok(s.core, 'documents.consentForms', { delivery: 'data', groupIds: [(await ok(s.core, 'groups.list', {}))[0]?.id ?? 0], progressId: 'school-stop-1' })
    expect(data.delivered === 'data' && (await pdfPages(Buffer.from(data.data, 'base64'))).length).toBeGreaterThan(0)
  }, 120_000)
})
