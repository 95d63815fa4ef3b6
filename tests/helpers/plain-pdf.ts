// Baselines for the documents: pdfkit writing the same text as plain lines, in the same embedded
// font, with no layout. What the app's documents are compared with, in the bench and in tests/documents.
import PDFKitDocument from 'pdfkit'
import { DEFAULT_INTRO, RULES, type ConsentFormsInput } from '../../electron/core/documents/consent-form.ts'
import { loadFonts, type Fonts } from '../../electron/core/documents/pdf-base.ts'

/** Plain lines on A4 pages, one page per entry of `pages`, in DejaVu Sans (embedded, Unicode). */
export function plainPdf(pages: readonly (readonly string[])[], fonts: Fonts = loadFonts('resources')): Promise<Buffer> {
  const doc = new PDFKitDocument({ size: 'A4', autoFirstPage: false, font: null as unknown as string })
  doc.registerFont('regular', fonts.regular)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  for (const lines of pages) {
    doc.addPage().font('regular').fontSize(9)
    for (const line of lines) doc.text(line)
  }
  doc.end()
  return done
}

/** The text of the consent forms, one page per pupil, as plain lines. */
export function consentFormLines(input: ConsentFormsInput): string[][] {
  return input.pupils.map((p, i) => [
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
  ])
}

/** The consent forms' text written by pdfkit as plain lines in the same font: one page per pupil. */
export function plainText(input: ConsentFormsInput, fonts?: Fonts): Promise<Buffer> {
  return plainPdf(consentFormLines(input), fonts)
}
