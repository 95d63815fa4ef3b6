// Text in a workbook the app writes stays text: no control or bidi characters, and a cell that
// starts like a formula (= + - @, tab, CR) is formatted as Text, so Excel keeps it as text even
// when the user edits the cell. The value itself is not changed, so the workbook imports again.
import type ExcelJS from 'exceljs'
import { documentText, startsLikeFormula } from '../../../shared/safe-text.ts'

export function keepTextAsText(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return // the master cell holds the value
      if (typeof cell.value !== 'string') return
      const value = documentText(cell.value)
      if (value !== cell.value) cell.value = value
      if (startsLikeFormula(value)) cell.numFmt = '@'
    }),
  )
}
