// Benchmark of the printed documents against the targets, on a quiet machine:
//   500 consent forms in one PDF < 5 s, at no less than a third of the rate of pdfkit writing the
//   same pages as plain text; a class list < 200 ms; a dossier with 50 history records < 500 ms.
// Run: TZ=Europe/Amsterdam npx node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/bench-documents.ts
// Prints the figures; exits 1 when a target is missed. (tests/documents/performance.test.ts checks
// the same paths with loose bounds, since the test suite runs files in parallel.)
import PDFKitDocument from 'pdfkit'
import type { ApiInput, Method } from '../shared/api.ts'
import { openCore } from '../electron/core/boot.ts'
import { consentFormsPdf, DEFAULT_INTRO, RULES, type ConsentFormsInput } from '../electron/core/documents/consent-form.ts'
import { consentFormsData } from '../electron/core/documents/documents.service.ts'
import { loadFonts } from '../electron/core/documents/pdf-base.ts'
import { silenceLog } from '../electron/core/log.ts'
import { generateSchool } from '../electron/core/school/generate.ts'
import { insertSchool } from '../electron/core/school/school.service.ts'

silenceLog()
const fonts = loadFonts('resources')

export async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let min = Infinity
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    min = Math.min(min, performance.now() - t)
  }
  return min
}

/** The text of the forms, written by pdfkit as plain lines in the same font: one page per pupil. */
export async function plainText(input: ConsentFormsInput): Promise<Buffer> {
  const doc = new PDFKitDocument({ size: 'A4', autoFirstPage: false, font: null as unknown as string })
  doc.registerFont('regular', fonts.regular)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))))
  for (const [i, p] of input.pupils.entries()) {
    doc.addPage().font('regular').fontSize(9)
    const lines = [
      input.letterhead.schoolName,
      `Schooljaar ${input.schoolYear}`,
      "Toestemming voor foto's en video's",
      p.formCode,
      'formuliercode',
      'Leerling Geboortedatum Groep',
      `${p.name} ${p.birthDate ?? ''} ${p.groupName ?? ''}`,
      'Ouders/verzorgers',
      p.guardians.map((g) => `${g.name} (${g.relation})`).join(', '),
      input.intro || DEFAULT_INTRO,
      ...RULES,
      'Waarvoor mogen wij beelden van uw kind gebruiken? Ja Nee',
      ...input.purposes.flatMap((x) => [x.label, `${x.description} Ja Nee`]),
      'Ouder/verzorger 1 Naam Handtekening Datum',
      'Ouder/verzorger 2 Naam Handtekening Datum',
      `Formulier ${p.formCode}: inleveren bij de leerkracht of de administratie Gemaakt op 22-11-2026 om 10:30 · pagina ${i + 1} van ${input.pupils.length}`,
    ]
    for (const line of lines) doc.text(line)
  }
  doc.end()
  return done
}

if (import.meta.main) {
  const core = openCore({ dbPath: ':memory:', appVersion: 'bench', now: () => new Date('2026-11-22T09:30:00Z') })
  const call = async <M extends Method>(method: M, input: ApiInput<M>) => {
    const r = await core.dispatch(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as never
  }
  await call('school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
  await call('settings.update', { staffName: 'Bench' })
  core.ctx.db.transaction(() => insertSchool(core.ctx, generateSchool({ pupils: 500 }), 'Bench'))()
  const misses: string[] = []
  const check = (ok: boolean, what: string) => (ok ? undefined : misses.push(what))

  const input = consentFormsData(core.ctx, { onlyWithoutAnswer: false, delivery: 'data' })
  await consentFormsPdf({ ...input, pupils: input.pupils.slice(0, 20) }, fonts)
  await plainText({ ...input, pupils: input.pupils.slice(0, 20) })
  let pages = 0
  let size = 0
  const forms = await best(3, async () => {
    const r = await consentFormsPdf(input, fonts)
    pages = r.pages
    size = r.pdf.length
  })
  const plain = await best(3, () => plainText(input))
  console.log(`500 consent forms: ${forms.toFixed(0)} ms, ${pages} pages, ${(size / 1024).toFixed(0)} kB`)
  console.log(`plain pdfkit text, same pages: ${plain.toFixed(0)} ms; forms take ${(forms / plain).toFixed(2)}x as long (target <= 3)`)
  check(pages === 500, '500 pages')
  check(forms < 5000, '500 forms < 5 s')
  check(forms / plain <= 3, 'rate >= 1/3 of plain text')

  const groups = (await call('groups.list', {})) as { id: number; name: string; pupilCount: number }[]
  const group = groups[0] as { id: number; name: string; pupilCount: number }
  for (const format of ['pdf', 'csv', 'vcf'] as const) {
    await call('documents.classList', { groupId: group.id, format })
    const ms = await best(5, () => call('documents.classList', { groupId: group.id, format }))
    console.log(`class list, group ${group.name} (${group.pupilCount} pupils), ${format}: ${ms.toFixed(0)} ms`)
    check(ms < 200, `class list ${format} < 200 ms`)
  }

  const pupils = (await call('pupils.list', {})) as { id: number }[]
  const purposes = (await call('purposes.list', {})) as { id: number }[]
  const pupilId = (pupils[0] as { id: number }).id
  const have = ((await call('consent.history', { pupilId })) as unknown[]).length
  for (let i = 0; have + i < 50; i++) {
    await call('consent.record', {
      pupilId,
      decisions: [{ purposeId: (purposes[i % purposes.length] as { id: number }).id, decision: i % 3 === 0 ? 'refused' : 'granted' }],
      effectiveFrom: `2026-${String(9 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      source: i % 2 ? 'phone' : 'paper_form',
      sourceDetail: `formulier ${i}`,
    })
  }
  for (const format of ['pdf', 'zip'] as const) {
    await call('documents.dossier', { pupilId, format })
    const ms = await best(5, () => call('documents.dossier', { pupilId, format }))
    console.log(`dossier with 50 history records, ${format}: ${ms.toFixed(0)} ms`)
    check(ms < 500, `dossier ${format} < 500 ms`)
  }
  core.close()
  if (misses.length) {
    console.log(`MISSED: ${misses.join(', ')}`)
    process.exitCode = 1
  } else console.log('all targets met')
}
