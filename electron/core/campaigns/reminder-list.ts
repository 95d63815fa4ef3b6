// The reminder list of a consent round: a page per group, for its teacher, with the forms not yet returned.
import type { CampaignDetail } from '../../../shared/campaigns.contract.ts'
import { formatPrintedMoment } from '../../../shared/dates.ts'
import { createDocument, finish, COLOR, type Fonts, type Letterhead } from '../documents/pdf-base.ts'
import { paragraph, table, title } from '../documents/pdf-table.ts'

export interface ReminderListInput {
  letterhead: Letterhead
  generatedAt: Date
  campaign: CampaignDetail
}

export async function reminderListPdf(input: ReminderListInput, fonts: Fonts): Promise<{ pdf: Buffer; pages: number }> {
  const frame = { fonts, letterhead: input.letterhead, title: 'Herinneringslijst toestemmingsformulieren', generatedAt: input.generatedAt, confidential: true }
  const doc = createDocument(frame)
  const { campaign } = input
  for (const group of campaign.groups) {
    doc.addPage()
    const pupils = campaign.outstanding.filter((o) => (o.groupName ?? 'Zonder groep') === group.name)
    const teacher = group.teacherName ? ` · ${group.teacherName}` : ''
    title(doc, `Nog niet terug: groep ${group.name}${teacher}`, `${campaign.name} · ${group.returned} van ${group.total} formulieren terug · schooljaar ${campaign.schoolYear}`)
    if (pupils.length === 0) {
      paragraph(doc, 'Alle formulieren van deze groep zijn terug. Dank u wel!', { color: COLOR.granted })
      continue
    }
    paragraph(
      doc,
      `Gemaakt op ${formatPrintedMoment(input.generatedAt)}. Wilt u de ouders/verzorgers van deze ${pupils.length === 1 ? 'leerling' : `${pupils.length} leerlingen`} vragen het formulier in te leveren? ` +
        'Zolang er geen antwoord is, telt dat als geen toestemming.',
      { color: COLOR.muted, gap: 0.8 },
    )
    table(
      doc,
      [
        { header: 'Leerling', width: 0 },
        { header: 'Formuliercode', width: 110 },
      ],
      pupils.map((p) => [p.name, p.code]),
    )
  }
  return finish(doc, frame)
}
