import { describe, expect, it } from 'vitest'
import { inputSchemas, type Method } from '../../shared/schemas.ts'
import { testCore } from '../helpers/db.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { hugePng, jpegHeader } from '../helpers/images.ts'
import { ok, registerCore } from '../helpers/register.ts'

/** Every table's rows, as one string: the database before and after must be the same. */
function snapshot(core: ReturnType<typeof testCore>): string {
  const db = core.ctx.db
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[]
  return tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).raw().all())}`).join('\n')
}

const HUGE = 'x'.repeat(2_000_000)
const BAD_INPUTS: [string, unknown][] = [
  ['a string', 'settings'],
  ['a number', 42],
  ['an array', [1, 2, 3]],
  ['true', true],
  ['an unknown key', { surprise: 1 }],
  ['a __proto__ key', JSON.parse('{"__proto__": {"polluted": true}}')],
  ['a constructor key', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}')],
  ['a huge string in an unknown key', { huge: HUGE }],
]

describe('every method refuses malformed input cleanly and changes nothing', () => {
  const methods = Object.keys(inputSchemas) as Method[]

  it.each(methods)('%s', async (method) => {
    const core = testCore()
    await ok(core, 'school.setup', { mode: 'demo' })
    const before = snapshot(core)
    for (const [what, input] of BAD_INPUTS) {
      const r = await core.dispatch(method, input)
      expect(r.ok, `${method} with ${what}`).toBe(false)
      if (r.ok) continue
      expect(r.error.code, `${method} with ${what}`).toBe('validation')
      expect(r.error.message.length).toBeGreaterThan(5)
      expect(r.error.message).not.toMatch(/undefined|\[object|TypeError|SQLITE/)
    }
    expect(snapshot(core)).toBe(before)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    core.close()
  })

  it('refuses unknown methods, including names that look like object internals', async () => {
    const core = testCore()
    for (const name of ['nope.nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, undefined, { method: 'x' }]) {
      expect(await core.dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    }
    core.close()
  })

  it('refuses huge strings in real fields with a Dutch message, and saves nothing', async () => {
    const core = testCore()
    await ok(core, 'school.setup', { mode: 'demo' })
    const before = snapshot(core)
    const cases: [Method, Record<string, unknown>][] = [
      ['settings.update', { schoolName: HUGE }],
      ['pupils.save', { firstName: HUGE, lastName: 'Bos' }],
      ['pupils.search', { query: HUGE }],
      ['guardians.save', { pupilId: 1, name: 'X', email: `${HUGE}@x.nl` }],
      ['purposes.save', { label: HUGE }],
      ['dossier.save', { pupilId: 1, entryDate: '2026-11-22', kind: 'brief', title: 'T', body: HUGE.repeat(2) }],
    ]
    for (const [method, input] of cases) {
      const r = await core.dispatch(method, input)
      expect(r, method).toMatchObject({ ok: false, error: { code: 'validation' } })
    }
    expect(snapshot(core)).toBe(before)
    core.close()
  })
})

describe('a scan that claims an enormous picture is refused before it is stored or shown', () => {
  it('refuses PNG and JPEG scans over 10,000 pixels a side or 40 million pixels, and cut-off ones, and saves nothing', async () => {
    const { core, pupil, purpose } = await registerCore()
    const record = (fileName: string, bytes: Buffer) =>
      core.dispatch('consent.record', {
        pupilId: pupil.id,
        effectiveFrom: '2026-11-22',
        source: 'paper_form',
        decisions: [{ purposeId: purpose('website').id, decision: 'refused' }],
        attachment: chooseFile(core, fileName, bytes),
      })
    const cases: [string, Buffer, string][] = [
      ['reus.png', hugePng(20_000, 20_000), 'De afbeelding reus.png is 20.000 x 20.000 pixels: te groot om te bewaren en te tonen. Er is niets opgeslagen. Scan het formulier opnieuw met een lagere resolutie'],
      ['breed.jpg', jpegHeader(10_001, 100), 'De afbeelding breed.jpg is 10.001 x 100 pixels'],
      ['vlak.jpg', jpegHeader(8_000, 6_000), 'De afbeelding vlak.jpg is 8.000 x 6.000 pixels'],
      ['half.png', hugePng(100, 100).subarray(0, 40), 'De afbeelding half.png is beschadigd of onvolledig. Er is niets opgeslagen.'],
      ['zonder-kader.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xff, 0xd9]), 'De afbeelding zonder-kader.jpg is beschadigd of onvolledig.'],
    ]
    for (const [fileName, bytes, message] of cases) {
      const r = await record(fileName, bytes)
      expect(r, fileName).toMatchObject({ ok: false, error: { code: 'validation', field: 'attachment' } })
      expect(r.ok || r.error.message, fileName).toContain(message)
    }
    expect(core.ctx.db.prepare(`SELECT count(*) FROM attachments`).pluck().get()).toBe(0)
    expect(core.ctx.db.prepare(`SELECT count(*) FROM consent_records`).pluck().get()).toBe(0)
    // An A4 page scanned at 600 dpi is still fine.
    expect(await record('a4-600dpi.jpg', jpegHeader(4_960, 7_016))).toMatchObject({ ok: true })
    core.close()
  })
})
