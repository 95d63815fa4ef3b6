// A clean enrolment form (inschrijfformulier) a school can hand out: labels with a field to fill
// in to their right, two guardians, and a cross under Ja or Nee per purpose. It imports by itself
// (form layout). resources/templates/inschrijfformulier.xlsx is this, with the default purposes.
import type ExcelJS from 'exceljs'
import { excel } from '../libraries.ts'
import { keepTextAsText } from './workbook-text.ts'

export interface TemplatePurpose {
  label: string
  description: string
}

const THIN = { style: 'thin' as const, color: { argb: 'FF8C8C8C' } }
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN }
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE3ECF5' } }

export async function enrolmentTemplate(purposes: readonly TemplatePurpose[], schoolName = ''): Promise<Buffer> {
  const wb = new (excel().Workbook)()
  wb.creator = 'Toestemmingsregister'
  const ws = wb.addWorksheet('Inschrijfformulier', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.6, right: 0.6, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 } },
  })
  ws.columns = [{ width: 36 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 8 }, { width: 8 }]
  let r = 0
  const title = (text: string, size = 16): void => {
    r++
    ws.mergeCells(r, 1, r, 6)
    const c = ws.getCell(r, 1)
    c.value = text
    c.font = { bold: true, size }
  }
  const note = (text: string, height = 30): void => {
    r++
    ws.mergeCells(r, 1, r, 6)
    const c = ws.getCell(r, 1)
    c.value = text
    c.alignment = { wrapText: true, vertical: 'top' }
    c.font = { italic: true, size: 9, color: { argb: 'FF505050' } }
    ws.getRow(r).height = height
  }
  const section = (text: string): void => {
    r += 2
    ws.mergeCells(r, 1, r, 6)
    const c = ws.getCell(r, 1)
    c.value = text
    c.font = { bold: true, size: 12 }
    c.fill = SECTION_FILL
  }
  const field = (label: string, format?: string): void => {
    r++
    ws.getCell(r, 1).value = `${label}:`
    ws.mergeCells(r, 2, r, 6)
    const v = ws.getCell(r, 2)
    v.border = BOX
    if (format) v.numFmt = format
    ws.getRow(r).height = 20
  }
  title(schoolName ? `Inschrijfformulier ${schoolName}` : 'Inschrijfformulier')
  note('Vul per kind één formulier in. Velden met een * zijn nodig om uw kind te kunnen inschrijven. Lever het formulier in bij de administratie, of mail het ingevulde bestand.')
  section('Gegevens leerling')
  field('Roepnaam *')
  field('Tussenvoegsel')
  field('Achternaam *')
  field('Geboortedatum * (dd-mm-jjjj)', 'dd-mm-yyyy')
  field('Groep')
  field('Leerlingnummer (vult de school in)')
  for (const n of [1, 2]) {
    section(`Ouder/verzorger ${n}`)
    field('Naam')
    field('Relatie tot het kind (bijv. moeder, vader, verzorger)')
    field('E-mail')
    field('Telefoon')
  }
  section("Toestemming voor foto's en video's")
  note('Zet per doel een kruisje (X) onder Ja of onder Nee. Geen kruisje betekent: geen antwoord; dan gebruikt de school geen beelden van uw kind voor dat doel. U kunt uw keuze altijd wijzigen bij de administratie.', 42)
  r++
  ws.getCell(r, 1).value = 'Doel'
  ws.getCell(r, 5).value = 'Ja'
  ws.getCell(r, 6).value = 'Nee'
  for (const c of [1, 5, 6]) ws.getCell(r, c).font = { bold: true }
  for (const c of [5, 6]) ws.getCell(r, c).alignment = { horizontal: 'center' }
  for (const p of purposes) {
    r++
    ws.mergeCells(r, 1, r, 4)
    const label = ws.getCell(r, 1)
    label.value = p.label
    label.alignment = { wrapText: true, vertical: 'middle' }
    if (p.description) label.note = p.description
    for (const c of [5, 6]) {
      const cell = ws.getCell(r, c)
      cell.border = BOX
      cell.alignment = { horizontal: 'center', vertical: 'middle' }
      cell.dataValidation = { type: 'list', allowBlank: true, formulae: ['"X"'], showErrorMessage: true, errorTitle: 'Alleen een kruisje', error: 'Zet een X, of laat het vak leeg.' }
    }
    ws.getRow(r).height = 22
  }
  section('Ondertekening')
  field('Ondertekend door')
  field('Datum', 'dd-mm-yyyy')
  r++
  ws.getCell(r, 1).value = 'Handtekening:'
  ws.mergeCells(r, 2, r + 2, 6)
  ws.getCell(r, 2).border = BOX
  keepTextAsText(ws) // the school's name and its purposes' labels
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}
