// Sample pages of every printed document, from the demo school, for the README and for looking
// at the layout: writes docs/documents/*.png (first page of each) with pdftoppm.
// Run: npx node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON scripts/document-samples.ts [--all]
// (--all also keeps the full PDFs, CSV and vCard in /tmp/toestemmingsregister-samples).
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import PDFKitDocument from 'pdfkit'
import type { ApiInput, ApiOutput, Method } from '../shared/api.ts'
import type { DocumentResult } from '../shared/documents.contract.ts'
import { openCore } from '../electron/core/boot.ts'
import { silenceLog } from '../electron/core/log.ts'
import { chooseFile } from '../tests/helpers/chosen-file.ts'

silenceLog()
const OUT = resolve('docs/documents')
const WORK = join(tmpdir(), 'toestemmingsregister-samples')
const NOW = new Date('2026-11-22T09:30:00Z')
rmSync(WORK, { recursive: true, force: true })
mkdirSync(WORK, { recursive: true })
mkdirSync(OUT, { recursive: true })

const core = openCore({ dbPath: ':memory:', appVersion: 'samples', now: () => NOW })
async function call<M extends Method>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>> {
  const r = await core.dispatch(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as ApiOutput<M>
}
const bytes = (r: DocumentResult): Buffer => {
  if (r.delivered !== 'data') throw new Error(r.delivered)
  return Buffer.from(r.data, 'base64')
}

/** The demo school's logo: a rainbow over its name, drawn as vectors and rasterised by poppler. */
async function rainbowLogo(): Promise<Buffer> {
  const doc = new PDFKitDocument({ size: [150, 76], margin: 0, font: null as unknown as string })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))))
  const colors = ['#d64541', '#ef8a17', '#f2c230', '#3f9e4d', '#2f7fc1', '#6a4c9c']
  colors.forEach((c, i) => {
    const r = 70 - i * 7
    doc.save().circle(75, 74, r).lineWidth(6.5).strokeColor(c).stroke().restore()
  })
  doc.rect(0, 74, 150, 2).fill('#ffffff')
  doc.end()
  const pdf = join(WORK, 'logo.pdf')
  writeFileSync(pdf, await done)
  execFileSync('pdftoppm', ['-png', '-r', '300', '-singlefile', pdf, join(WORK, 'logo')])
  return readFileSync(join(WORK, 'logo.png'))
}

function firstPage(pdf: Buffer, name: string): void {
  const file = join(WORK, `${name}.pdf`)
  writeFileSync(file, pdf)
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', file, join(OUT, name)])
  console.log(`saved ${join(OUT, `${name}.png`)}`)
}

await call('school.setup', { mode: 'demo' })
await call('documents.saveSettings', {
  logo: chooseFile(core, 'regenboog.png', await rainbowLogo()),
  schoolAddress: 'Regenbooglaan 12\n3811 AB Amersfoort',
  schoolEmail: 'administratie@deregenboog.nl',
  schoolPhone: '033-1234567',
  privacyOfficer: 'Mw. J. de Boer, privacy@stichtingpo.nl',
  privacyStatement: 'www.deregenboog.nl/privacy en de schoolgids',
})
const groups = await call('groups.list', {})
const group5 = groups.find((g) => g.name === '5')
if (!group5) throw new Error('no group 5')
const pupils = await call('pupils.list', { groupId: group5.id })
const pupil = pupils.find((p) => /[ŁÖöëẽễı]/.test(`${p.firstName}${p.lastName}`)) ?? pupils[0]
if (!pupil) throw new Error('no pupil')

// A richer file for the dossier sample: a withdrawal by e-mail and a letter.
const purposes = await call('purposes.list', {})
const website = purposes.find((p) => p.code === 'website')
if (website) {
  await call('consent.record', {
    pupilId: pupil.id,
    decisions: [{ purposeId: website.id, decision: 'refused' }],
    effectiveFrom: '2026-11-20',
    source: 'email',
    sourceDetail: 'e-mail van de moeder, 19-11-2026',
    note: "Liever geen foto's meer op de website.",
  })
}
await call('dossier.save', {
  pupilId: pupil.id,
  entryDate: '2026-11-21',
  kind: 'brief',
  title: 'Bevestiging: geen foto’s meer op de website',
  body: 'Wij hebben uw bericht ontvangen en verwerkt. Vanaf 20-11-2026 plaatsen wij geen nieuwe foto’s van uw kind op de website.',
})

firstPage(bytes(await call('documents.consentForms', { pupilIds: [pupil.id] })), 'toestemmingsformulier')
firstPage(bytes(await call('documents.noConsentList', { groupIds: [group5.id] })), 'geen-toestemmingslijst')
firstPage(bytes(await call('documents.classList', { groupId: group5.id })), 'klassenlijst-groepsapp')
const requester = (await call('pupils.get', { id: pupil.id })).guardians[0]
firstPage(bytes(await call('documents.dossier', { pupilId: pupil.id, ...(requester ? { requesterGuardianId: requester.id } : {}) })), 'leerlingdossier')

if (process.argv.includes('--all')) {
  writeFileSync(join(WORK, 'formulieren-groep-5.pdf'), bytes(await call('documents.consentForms', { groupIds: [group5.id] })))
  writeFileSync(join(WORK, 'klassenlijst.csv'), bytes(await call('documents.classList', { groupId: group5.id, format: 'csv' })))
  writeFileSync(join(WORK, 'klassenlijst.vcf'), bytes(await call('documents.classList', { groupId: group5.id, format: 'vcf' })))
  writeFileSync(join(WORK, 'dossier.zip'), bytes(await call('documents.dossier', { pupilId: pupil.id, format: 'zip' })))
  console.log(`all files in ${WORK}`)
}
core.close()
