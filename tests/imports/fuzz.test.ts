// A few hundred mutated workbooks and CSVs (seeded, bounded in time): the import never crashes or
// hangs, and each file either imports or gets one clear Dutch message.
import { readFileSync } from 'node:fs'
import * as fc from 'fast-check'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { previewImport } from '../../electron/core/imports/imports.service.ts'
import { readWorkbook } from '../../electron/core/imports/read.ts'
import { MESSAGES } from '../../electron/core/imports/sniff.ts'
import { testCore } from '../helpers/db.ts'
import { fixture } from './helpers.ts'

// `npm test` runs a fixed seed and 300 workbooks; FUZZ_RUNS=5000 runs longer (time budget and
// timeouts grow with it), FUZZ_SEED=n tries other inputs (a failure prints its seed and path).
const RUNS = Number(process.env.FUZZ_RUNS) || 300
const SCALE = Math.max(1, RUNS / 300)
const SEED = Number(process.env.FUZZ_SEED) || 20261122

const SEEDS = ['administratie-export.xlsx', 'formulier-antwoorden.xlsx', 'inschrijfformulier-zoe.xlsx', 'ander-formulier.xlsx', 'libreoffice-tabel.xlsx'].map((n) => new Uint8Array(readFileSync(fixture(n))))
const CSV_SEEDS = ['google-formulier.csv', 'komma-utf8-bom.csv', 'puntkomma-windows1252.csv'].map((n) => new Uint8Array(readFileSync(fixture(n))))

/** Messages a whole file may get; anything else would be an unclear error. */
const FILE_MESSAGE = new RegExp(
  `^(${[
    ...Object.values(MESSAGES),
    'Het bestand heeft wel een kopregel',
    'Het formulier is niet ingevuld',
    'In de eerste 20 rijen staat geen kopregel',
    'Het bestand bevat geen gegevens',
    'Dit CSV-bestand kan niet worden gelezen',
  ]
    .map((m) => m.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})`,
)

type Mutation = { kind: 'bytes'; at: number; len: number; value: number } | { kind: 'truncate'; at: number } | { kind: 'xml'; entry: number; at: number; len: number; insert: string }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }), value: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('xml' as const),
    entry: fc.nat(),
    at: fc.nat(),
    len: fc.integer({ min: 0, max: 40 }),
    insert: fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '<',
        '>',
        '"',
        '&amp;',
        '<c r="A1" t="s"><v>99999</v></c>',
        '<row r="3">',
        '</row>',
        't="d"',
        't="b"',
        '<v>-1e308</v>',
        '<v>NaN</v>',
        'r="ZZZ0"',
        '\u0000',
        'ë',
        '<mergeCell ref="A1:C3"/>',
        '<f>1/0</f>',
      ),
    ),
  }),
)

function mutate(seed: Uint8Array, m: Mutation): Uint8Array {
  if (m.kind === 'truncate') return seed.subarray(0, m.at % seed.length)
  if (m.kind === 'bytes') {
    const out = new Uint8Array(seed)
    const at = m.at % out.length
    for (let i = at; i < Math.min(out.length, at + m.len); i++) out[i] = (out[i] as number) ^ (m.value || 1)
    return out
  }
  // Change the XML inside the package, and zip it again: this reaches the parser, not only the ZIP reader.
  const files = unzipSync(seed)
  const names = Object.keys(files).filter((n) => n.endsWith('.xml'))
  const name = names[m.entry % names.length] as string
  const text = strFromU8(files[name] as Uint8Array)
  const at = m.at % (text.length + 1)
  files[name] = strToU8(text.slice(0, at) + m.insert + text.slice(at + m.len))
  return zipSync(files)
}

const csvText = fc.array(
  fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(';', ',', '\t', '"', '""', '\n', '\r\n', 'Roepnaam', 'Achternaam', 'Geboortedatum', 'Toestemming website', 'Ja', '7-4-2013', 'Zoë', '\uFEFF', '\u00e9')),
  { maxLength: 60 },
)

const core = testCore() // preview never writes: one register for every run
const outcomes = { imported: 0, refused: 0 }

async function check(files: { name: string; data: Uint8Array }[]): Promise<void> {
  {
    const preview = await previewImport(core.ctx, { files: files.map((f) => ({ name: f.name, data: Buffer.from(f.data).toString('base64') })), mappings: [], decisions: [] })
    expect(preview.files).toHaveLength(files.length)
    for (const f of preview.files) outcomes[f.ok ? 'imported' : 'refused']++
    for (const f of preview.files.filter((x) => !x.ok)) expect(f.error).toMatch(FILE_MESSAGE)
    for (const e of preview.rowErrors) {
      expect(e.message.length).toBeGreaterThan(5)
      expect(e.message).not.toMatch(/undefined|NaN|\[object|Error:/)
      expect(e.row).toBeGreaterThan(0)
    }
    for (const p of preview.pupils) {
      expect(p.firstName).not.toBe('')
      expect(p.lastName).not.toBe('')
    }
    for (const p of preview.pupils.filter((x) => x.birthDate !== null)) expect(p.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  }
}

/** fast-check's own time limit does not stop async runs here: past the budget, runs pass at once. */
function budget(ms: number): () => boolean {
  const start = Date.now()
  return () => Date.now() - start > ms
}

describe('fuzz: mutated workbooks and CSVs', () => {
  it(
    'a few hundred mutated workbooks: no crash, no hang, each imports or gets a clear message',
    async () => {
      const started = Date.now()
      const over = budget(35_000 * SCALE)
      let runs = 0
      await fc.assert(
        fc.asyncProperty(fc.nat(SEEDS.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (seedIndex, mutations) => {
          if (over()) return
          runs++
          let bytes = SEEDS[seedIndex] as Uint8Array
          // XML changes on the whole package first (unzipping a package whose bytes were damaged can take minutes in fflate).
          for (const m of [...mutations].sort((a, b) => Number(b.kind === 'xml') - Number(a.kind === 'xml'))) {
            try {
              bytes = mutate(bytes, m)
            } catch {
              // an earlier mutation broke the ZIP: keep the bytes as they are
            }
          }
          const t = Date.now()
          await check([
            { name: 'gemuteerd.xlsx', data: bytes },
            { name: 'goed.csv', data: CSV_SEEDS[0] as Uint8Array },
          ])
          expect(Date.now() - t).toBeLessThan(10_000)
        }),
        { seed: SEED, numRuns: RUNS },
      )
      expect(runs).toBeGreaterThan(50)
      // The mutations reach both ends: files that still import, and files refused with a message.
      expect(outcomes.imported).toBeGreaterThan(runs)
      expect(outcomes.refused).toBeGreaterThan(10)
      expect(Date.now() - started).toBeLessThan(60_000 * SCALE)
    },
    90_000 * SCALE,
  )

  it(
    'random CSV text in any encoding: no crash, each imports or gets a clear message',
    async () => {
      expect.hasAssertions()
      const over = budget(15_000 * SCALE)
      await fc.assert(
        fc.asyncProperty(csvText, fc.constantFrom('utf8', 'latin1', 'utf16le'), fc.nat(CSV_SEEDS.length - 1), async (parts, encoding, seedIndex) => {
          if (over()) return
          const random = new Uint8Array(Buffer.from(parts.join(''), encoding as BufferEncoding))
          const seed = CSV_SEEDS[seedIndex] as Uint8Array
          const spliced = new Uint8Array([...seed.subarray(0, random.length % seed.length), ...random])
          await check([
            { name: 'willekeurig.csv', data: random },
            { name: 'gesplitst.csv', data: spliced },
          ])
        }),
        { seed: SEED + 1, numRuns: Math.round((RUNS * 2) / 3) },
      )
    },
    60_000 * SCALE,
  )

  it.each([
    ['a merge over the whole sheet', '<mergeCells count="1"><mergeCell ref="A10:XFD1048576"/></mergeCells>'],
    ['a dropdown on every cell', '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"Ja,Nee"</formula1></dataValidation></dataValidations>'],
  ])('%s does not exhaust memory (exceljs makes an object per cell of it)', async (_, extra) => {
    const files = unzipSync(SEEDS[0] as Uint8Array)
    const name = Object.keys(files).find((n) => n.startsWith('xl/worksheets/sheet')) as string
    files[name] = strToU8(strFromU8(files[name] as Uint8Array).replace('</sheetData>', `</sheetData>${extra}`))
    const t = Date.now()
    const read = await readWorkbook('groot-bereik.xlsx', zipSync(files))
    expect(read.ok && read.sheets[0]?.rows[4]?.[1]).toBe('Zoë')
    expect(Date.now() - t).toBeLessThan(5_000)
  })
})
