// A 10,000-row enrolment workbook like an administration export, for the benchmark and the fuzz seeds.
import ExcelJS from 'exceljs'
import { EXPORT_HEADERS } from '../helpers/export-columns.ts'

const FIRST = ['Zoë', 'Sem', 'Łukasz', 'Ömer', 'Nguyễn', 'Daan', 'Fleur', 'Emma', 'Noah', 'Saar', 'Liam', 'Mila']
const LAST: [string, string][] = [
  ['van der', 'Berg'],
  ['', 'Yılmaz'],
  ['de', 'Vries'],
  ['', 'Kowalski'],
  ['van', 'Dijk'],
  ['', 'Jansen'],
  ['el', 'Idrissi'],
  ['ter', 'Horst'],
]
const ANSWERS = ['Ja', 'Nee', 'ja', 'X', '', 'nee', 'JA', 'Nee']

export async function bigWorkbook(rows = 10_000): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Leerlingen')
  ws.addRow(['Leerlingenlijst', null, null])
  ws.addRow([])
  ws.addRow(EXPORT_HEADERS)
  for (let i = 0; i < rows; i++) {
    const family = Math.floor(i / 2) // siblings share guardians
    const [prefix, last] = LAST[family % LAST.length] as [string, string]
    ws.addRow([
      100_000 + i,
      FIRST[i % FIRST.length],
      prefix,
      `${last}${family}`,
      new Date(Date.UTC(2013 + (i % 8), i % 12, 1 + (i % 28))),
      String(1 + (i % 8)),
      900_000_000 + i,
      `Ouder A ${last}${family}`,
      `ouder.a.${family}@voorbeeld.nl`,
      600_000_000 + family,
      `Ouder B ${last}${family}`,
      `ouder.b.${family}@voorbeeld.nl`,
      `06-${String(20_000_000 + family)}`,
      ...Array.from({ length: 8 }, (_, k) => ANSWERS[(i + k) % ANSWERS.length]),
    ])
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}
