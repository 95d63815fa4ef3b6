// What the scan review shows but never records (twice): a form twice in one scan, a form that came
// back already, a code of a closed round; a stop while reading keeps nothing; pages without a code
// are assigned by hand; crops are the rows' own pixels; a session goes with its folder.
import { existsSync, readdirSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { registerChosenFile } from '../../electron/core/chosen-files.ts'
import { cancelJob } from '../../electron/core/progress.ts'
import { openSessionCount, requireSession } from '../../electron/core/scan/scan-session.ts'
import { startScan } from '../../electron/core/scan/scan.service.ts'
import { ok } from '../helpers/register.ts'
import { SCALE, chooseScan, letterPng, pixelsOf, readerOf, scan, scanSchool } from './confirm-school.ts'

let cleanup: (() => void) | undefined
afterEach(() => cleanup?.())

async function school() {
  const s = await scanSchool()
  cleanup = s.done
  const website = s.purposes[0]
  if (!website) throw new Error('purposes')
  const yes = new Map([[website.id, { reading: 'ja' as const }]])
  const confirm = (sessionId: string, formKey: string) => s.core.dispatch('scan.confirm', { sessionId, formKey, guardianId: null, answers: [{ purposeId: website.id, answer: 'granted' }] })
  return { ...s, website, yes, confirm }
}

describe('what a scan shows but does not record', () => {
  it('a form twice in one scan is recorded once; scanned again later it is shown as returned already', async () => {
    const s = await school()
    const code = s.forms[0]?.code ?? ''
    const view = await scan(
      s.ctx,
      readerOf([
        { code, readings: s.yes },
        { code: s.forms[1]?.code ?? '', readings: s.yes },
        { code, readings: s.yes },
      ]),
    )
    const copies = view.forms.filter((f) => f.code === code)
    expect(copies.map((f) => f.state).sort()).toEqual(['duplicate', 'open'])
    const copy = copies.find((f) => f.state === 'duplicate')
    expect(copy?.message).toContain('twee keer in de scan (scan-0912.pdf, pagina 1 en scan-0912.pdf, pagina 3)')
    const records = s.count('consent_records')
    expect(await s.confirm(view.sessionId, copy?.key ?? '')).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(s.count('consent_records')).toBe(records)
    expect((await s.confirm(view.sessionId, code)).ok).toBe(true)
    expect(await s.confirm(view.sessionId, code)).toMatchObject({ ok: false, error: { message: expect.stringContaining('al bevestigd') } })
    expect(s.count('consent_records')).toBe(records + 1)

    const again = await scan(s.ctx, readerOf([{ code, readings: s.yes }]))
    expect(again.forms[0]).toMatchObject({ state: 'already_returned', message: expect.stringContaining(`Formulier ${code} is al teruggekomen (vastgelegd op 01-12-2026)`) })
    expect(await s.confirm(again.sessionId, code)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('niet nog eens vastgelegd') } })
    expect(s.count('consent_records')).toBe(records + 1)
    expect((await ok(s.core, 'campaigns.get', { id: s.round.id })).returned).toBe(1)
  })

  it('a code of a closed round is shown with its reason and refused', async () => {
    const s = await school()
    await ok(s.core, 'campaigns.close', { id: s.round.id })
    const code = s.forms[2]?.code ?? ''
    const view = await scan(s.ctx, readerOf([{ code, readings: s.yes }]))
    expect(view.forms[0]).toMatchObject({ state: 'closed_round', message: expect.stringContaining("ronde 'Toestemming 2026-2027', die op 01-12-2026 is afgesloten") })
    const records = s.count('consent_records')
    expect(await s.confirm(view.sessionId, code)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Er is niets vastgelegd') } })
    expect(s.count('consent_records')).toBe(records)
    expect((await ok(s.core, 'campaigns.get', { id: s.round.id })).returned).toBe(0)
  })

  it('a stop while reading keeps no session, no pictures and writes nothing', async () => {
    const s = await school()
    const records = s.count('consent_records')
    const audit = s.count('audit_log')
    const specs = s.forms.slice(0, 10).map((f) => ({ code: f.code, readings: s.yes }))
    const reading = scan(s.ctx, readerOf(specs, { perPage: (i) => i === 3 && void cancelJob(s.ctx, 'p-scan-1') }), 'p-scan-1')
    await expect(reading).rejects.toMatchObject({ code: 'cancelled', message: expect.stringContaining('Er is niets opgeslagen') })
    expect(openSessionCount(s.ctx)).toBe(0)
    const root = join(tmpdir(), 'toestemmingsregister')
    const runs = readdirSync(root).filter((d) => d.startsWith(`run-${process.pid}-`))
    expect(runs.length).toBeGreaterThan(0)
    for (const r of runs) expect(readdirSync(join(root, r))).toEqual([])
    expect([s.count('consent_records'), s.count('audit_log'), s.count('attachments')]).toEqual([records, audit, 0])
    expect(await ok(s.core, 'scan.progress', { progressId: 'p-scan-1' })).toMatchObject({ running: false })
  })

  it('a 300 MB scan is refused in Dutch at once, from its size alone: nothing read, kept or recorded', async () => {
    const s = await school()
    const huge = join(s.dir, 'kopieerapparaat-alles.pdf')
    writeFileSync(huge, '%PDF-1.4\n')
    truncateSync(huge, 300 * 1024 * 1024) // sparse: the size of a copier's whole-school scan, without writing it
    const { token } = registerChosenFile(s.ctx, huge)
    const records = s.count('consent_records')
    const audit = s.count('audit_log')
    let pagesRead = 0
    const started = performance.now()
    const r = await s.core.dispatch('scan.start', { files: [{ token }] })
    const reader = readerOf([{ code: s.forms[0]?.code ?? '', readings: s.yes }], { perPage: () => pagesRead++ })
    await expect(startScan(s.ctx, { files: [{ token }] }, reader)).rejects.toMatchObject({ code: 'validation' })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(pagesRead).toBe(0)
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        message:
          'De scan kopieerapparaat-alles.pdf is 300 MB; de grens is 200 MB per keer. Er is niets gelezen of vastgelegd. Scan de formulieren in delen (bijvoorbeeld per groep, of in zwart-wit op 200 dpi) en kies die bestanden een voor een.',
      },
    })
    expect(openSessionCount(s.ctx)).toBe(0)
    expect([s.count('consent_records'), s.count('audit_log'), s.count('attachments')]).toEqual([records, audit, 0])
    const root = join(tmpdir(), 'toestemmingsregister')
    for (const run of readdirSync(root).filter((d) => d.startsWith(`run-${process.pid}-`))) expect(readdirSync(join(root, run))).toEqual([])
  })

  it('scans under the cap each but over it together are refused the same way; the files stay where they lie, untouched', async () => {
    const s = await school()
    const parts = ['groep-5.pdf', 'groep-6.pdf'].map((name) => {
      const path = join(s.dir, name)
      writeFileSync(path, '%PDF-1.4\n')
      truncateSync(path, 120 * 1024 * 1024)
      return path
    })
    const r = await s.core.dispatch('scan.start', { files: parts.map((p) => ({ token: registerChosenFile(s.ctx, p).token })) })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('De gekozen scans samen is 240 MB; de grens is 200 MB per keer. Er is niets gelezen of vastgelegd.') } })
    expect(parts.map((p) => statSync(p).size)).toEqual([120 * 1024 * 1024, 120 * 1024 * 1024])
    expect(openSessionCount(s.ctx)).toBe(0)
  })

  it('a chosen scan is read where it lies: the session keeps its path, and nothing of it is copied into the temp folder', async () => {
    const s = await school()
    const path = join(s.dir, 'scan-0912.pdf')
    writeFileSync(path, '%PDF-1.7 scan')
    const { token } = registerChosenFile(s.ctx, path)
    const view = await startScan(s.ctx, { files: [{ token }] }, readerOf([{ code: s.forms[0]?.code ?? '', readings: s.yes }]))
    const session = requireSession(s.ctx, view.sessionId)
    expect(session.files).toEqual([{ name: 'scan-0912.pdf', path }])
    expect(readdirSync(session.dir)).toEqual(['pages'])
    expect(await s.core.dispatch('scan.start', { files: [{ token: 'f-weg-na-een-herstart-0000' }] })).toMatchObject({ ok: false, error: { message: expect.stringContaining('Kies het bestand opnieuw') } })
  })

  it('a page without a code is listed, assigned to a pupil by hand, and confirmed against that pupil’s open form', async () => {
    const s = await school()
    const view = await scan(s.ctx, readerOf([{ status: 'no_code' }]))
    expect(view.forms).toEqual([])
    expect(view.pages).toEqual([{ pageIndex: 0, source: 'scan-0912.pdf, pagina 1', status: 'no_code', message: 'Op deze pagina is geen formuliercode gevonden.' }])
    expect(view.notice).toContain('geen toestemmingsformulier herkend')
    const target = s.forms[4]
    if (!target) throw new Error('no form')
    const assigned = await ok(s.core, 'scan.assign', { sessionId: view.sessionId, pageIndex: 0, pupilId: target.pupilId })
    expect(assigned.pages).toEqual([])
    expect(assigned.notice).toBeNull()
    expect(assigned.forms[0]?.notes).toEqual([])
    expect(assigned.forms[0]).toMatchObject({ key: 'pagina-1', code: target.code, state: 'open', unsigned: true })
    expect(assigned.forms[0]?.rows.every((r) => r.unclear && r.proposal === 'none' && !r.hasCrop)).toBe(true)
    expect((await ok(s.core, 'scan.page', { sessionId: view.sessionId, pageIndex: 0 })).image).toMatch(/^data:image\/png;base64,/)
    expect((await s.confirm(view.sessionId, 'pagina-1')).ok).toBe(true)
    const [last] = await ok(s.core, 'consent.history', { pupilId: target.pupilId })
    expect(last?.sourceDetail).toBe(`teruggekomen formulier ${target.code}, gescand 01-12-2026`)
    expect((await ok(s.core, 'campaigns.get', { id: s.round.id })).returned).toBe(1)
  })

  it('a page the reader kept no picture of is made again from the chosen file when it is assigned, and kept as the proof', async () => {
    const s = await school()
    const files = [chooseScan(s.ctx, 'voorblad.png', await letterPng()), chooseScan(s.ctx, 'brief-van-ouder.png', await letterPng())]
    const view = await scan(
      s.ctx,
      readerOf([
        { status: 'no_code', noImage: true },
        { status: 'no_code', noImage: true },
      ]),
      undefined,
      files,
    )
    expect(view.pages.map((p) => p.source)).toEqual(['voorblad.png', 'brief-van-ouder.png'])
    const target = s.forms[6]
    if (!target) throw new Error('no form')
    const image = await ok(s.core, 'scan.page', { sessionId: view.sessionId, pageIndex: 1 })
    expect(await pixelsOf(image.image)).toMatchObject({ width: 595 * SCALE, height: 842 * SCALE })
    await ok(s.core, 'scan.assign', { sessionId: view.sessionId, pageIndex: 1, pupilId: target.pupilId })
    expect((await s.confirm(view.sessionId, 'pagina-2')).ok).toBe(true)
    const [last] = await ok(s.core, 'consent.history', { pupilId: target.pupilId })
    expect(last).toMatchObject({
      sourceDetail: `teruggekomen formulier ${target.code}, gescand 01-12-2026`,
      note: 'Gescand: brief-van-ouder.png. Geen handtekening gevonden; bij het bevestigen vastgelegd zonder ouder/verzorger.',
      attachment: { mimeType: 'image/png' },
    })
  })

  it('a page whose file gives no picture cannot be assigned: there would be no proof', async () => {
    const s = await school()
    const view = await scan(s.ctx, readerOf([{ status: 'no_code', noImage: true }]))
    const r = await s.core.dispatch('scan.assign', { sessionId: view.sessionId, pageIndex: 0, pupilId: s.forms[0]?.pupilId ?? 0 })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('geen bewijs om te bewaren. Er is niets vastgelegd.') } })
    expect((await ok(s.core, 'scan.session', { sessionId: view.sessionId })).pages).toHaveLength(1)
  })

  it('serves each row and signature line as its own small PNG, cut at row × scale', async () => {
    const s = await school()
    const pupil = await ok(s.core, 'pupils.get', { id: s.forms[0]?.pupilId ?? 0 })
    const view = await scan(s.ctx, readerOf([{ code: s.forms[0]?.code ?? '', readings: s.yes, guardianIds: pupil.guardians.map((g) => g.id) }]))
    const crops = await ok(s.core, 'scan.crops', { sessionId: view.sessionId, formKey: s.forms[0]?.code ?? '' })
    expect(crops.rows.map((r) => r.purposeId)).toEqual([s.website.id])
    const row = await pixelsOf(crops.rows[0]?.image ?? '')
    // Row 515 x 30 points at 200, plus 3 points around: (515 + 6) x (30 + 6) points.
    expect(row).toMatchObject({ width: 521 * SCALE, height: 36 * SCALE, channels: 1 })
    // The dark bar drawn on the page at 5-10 points into the row is in the crop, 8-13 points down.
    expect(row?.data[10 * SCALE * (row?.width ?? 0) + 100]).toBe(20)
    expect(row?.data[2 * SCALE * (row?.width ?? 0) + 100]).toBe(235)
    expect(crops.signatures.map((c) => c.slot)).toEqual(pupil.guardians.map((_g, i) => i))
    expect(view.forms[0]?.unsigned).toBe(true)
  })

  it('a session goes when the temp folders are emptied (a removal after the retention period) and when closed', async () => {
    const s = await school()
    const view = await scan(s.ctx, readerOf([{ code: s.forms[0]?.code ?? '', readings: s.yes }]))
    s.ctx.temp.removeEverything()
    expect(await s.core.dispatch('scan.session', { sessionId: view.sessionId })).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('Deze scan is niet meer open') } })
    expect(await s.confirm(view.sessionId, s.forms[0]?.code ?? '')).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const next = await scan(s.ctx, readerOf([{ code: s.forms[1]?.code ?? '', readings: s.yes }]))
    const { dir } = requireSession(s.ctx, next.sessionId)
    expect(readdirSync(join(dir, 'pages'))).toEqual(['page-0.png'])
    expect(await ok(s.core, 'scan.close', { sessionId: next.sessionId })).toEqual({ closed: true })
    expect(openSessionCount(s.ctx)).toBe(0)
    expect(existsSync(dir)).toBe(false)
    expect(await s.core.dispatch('scan.session', { sessionId: next.sessionId })).toMatchObject({ ok: false })
  })
})
