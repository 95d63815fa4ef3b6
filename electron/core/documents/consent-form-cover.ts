// A cover page before each group's consent forms when several groups are printed at once: the
// group, its teacher and how many forms follow, so a stack from the printer is sorted at a glance.
import { COLOR, CONTENT_WIDTH, F, MARGIN, type Doc } from './pdf-base.ts'
import { fitLine } from './text-wrap.ts'

export interface FormGroup {
  name: string
  teacherName: string
  /** Forms in this batch for the group. */
  forms: number
}

export function coverPage(doc: Doc, schoolName: string, schoolYear: string, group: FormGroup, groups: number): void {
  doc.font(F.bold).fontSize(13).fillColor(COLOR.ink)
  fitLine(doc, schoolName || 'Naam van de school', MARGIN.left, 60, CONTENT_WIDTH)
  doc.font(F.regular).fontSize(10).fillColor(COLOR.muted).text(`Toestemmingsformulieren · schooljaar ${schoolYear}`, MARGIN.left, 80, { lineBreak: false })
  doc.font(F.bold).fontSize(44).fillColor(COLOR.accent)
  fitLine(doc, `Groep ${group.name}`, MARGIN.left, 260, CONTENT_WIDTH, 'center', 0.5)
  doc.font(F.regular).fontSize(16).fillColor(COLOR.ink)
  if (group.teacherName) fitLine(doc, group.teacherName, MARGIN.left, 330, CONTENT_WIDTH, 'center')
  const forms = `${group.forms} ${group.forms === 1 ? 'formulier' : 'formulieren'}, één per leerling`
  fitLine(doc, forms, MARGIN.left, 360, CONTENT_WIDTH, 'center')
  doc.font(F.regular).fontSize(10).fillColor(COLOR.muted)
  fitLine(doc, `Voorblad: deze stapel is voor groep ${group.name} (een van ${groups} groepen). Geef de formulieren mee aan de leerlingen van deze groep.`, MARGIN.left, 420, CONTENT_WIDTH, 'center')
}
