// How big and how complicated an import file may be, and the one Dutch message when it is more.
// The caps sit far above any real school file (a foundation's export: 10,000 rows of ~60 columns)
// and far below what runs the process out of memory; they are counted while the file is read,
// so a crafted file stops at the cap instead of after it has filled the memory.

/** Unpacked bytes of one part of a workbook (a sheet of 600,000 cells is about 25 MB). */
export const MAX_PART_BYTES = 128 * 1024 * 1024
/** Unpacked bytes of all parts of a workbook together. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024
/** Parts in one workbook (a workbook with 50 sheets has about 120). */
export const MAX_PARTS = 5_000
/** Cells in one file, counted as the sheets write them: exceljs keeps an object for each, and a
 * preview needs about 1.2 KB per cell (840,000 cells: 1.0 GB peak), so this stays near 1.8 GB. */
export const MAX_CELLS = 1_500_000
/** Rows in one sheet. */
export const MAX_ROWS = 200_000
/** Columns with data in one sheet (an export has ~60; the header check looks at each of them). */
export const MAX_COLUMNS = 2_000
/** Cells covered by the merged ranges of one sheet together (exceljs makes an object for each). */
export const MAX_MERGED_CELLS = 200_000
/** Characters in one cell: Excel's own limit. */
export const MAX_CELL_CHARS = 32_767
/** Bytes of XML text without a tag in it (a cell of 32,767 characters, each escaped as &#x...;). */
export const MAX_TEXT_BYTES = 8 * MAX_CELL_CHARS

/** A file over one of the caps; `reason` says which, in Dutch, for the message. */
export class LimitError extends Error {
  readonly reason: string
  constructor(reason: string) {
    super(`import limit: ${reason}`)
    this.reason = reason
  }
}

const dutch = (n: number): string => n.toLocaleString('nl-NL')
const megabytes = (n: number): string => `${dutch(Math.round(n / (1024 * 1024)))} MB`

export const REASONS = {
  partBytes: (part: string) => `het onderdeel ${part} is uitgepakt groter dan ${megabytes(MAX_PART_BYTES)}`,
  unpacked: () => `het is uitgepakt groter dan ${megabytes(MAX_UNPACKED_BYTES)}`,
  parts: () => `het bestaat uit meer dan ${dutch(MAX_PARTS)} onderdelen`,
  cells: () => `het heeft meer dan ${dutch(MAX_CELLS)} cellen`,
  rows: (sheet: string) => `${sheet} heeft meer dan ${dutch(MAX_ROWS)} rijen`,
  columns: (sheet: string) => `${sheet} heeft meer dan ${dutch(MAX_COLUMNS)} kolommen`,
  text: () => `een cel bevat meer dan ${dutch(MAX_CELL_CHARS)} tekens`,
  merged: (sheet: string) => `${sheet} heeft meer dan ${dutch(MAX_MERGED_CELLS)} samengevoegde cellen`,
} as const

/** The message for the file's row in the import: what happened, that nothing changed, what to do. */
export function tooComplexMessage(reason: string, kind: 'xlsx' | 'csv'): string {
  const advice =
    kind === 'xlsx'
      ? 'Open het in Excel, kopieer alleen het tabblad met de leerlingen naar een nieuwe werkmap, sla die op en importeer dat bestand.'
      : 'Open het in Excel, houd alleen de rijen en kolommen met de leerlingen over, sla het opnieuw op en importeer het nog eens.'
  return `Dit bestand is te groot of te ingewikkeld om in te lezen (${reason}). Er is niets van ingelezen en niets in het register gewijzigd. ${advice}`
}

const LT = 0x3c
const isNameEnd = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x3e || b === 0x2f

/**
 * Reads a part's XML as bytes (in one piece or in chunks): the longest text between two tags, and
 * (for a sheet) the cells and rows it writes, before any parser builds strings or objects of it.
 */
export class XmlCounter {
  cells = 0
  rows = 0
  private run = 0
  private name: number[] | null = null
  private readonly onCell: () => void
  private readonly onRow: (rows: number) => void

  constructor(onCell: () => void, onRow: (rows: number) => void) {
    this.onCell = onCell
    this.onRow = onRow
  }

  push(chunk: Uint8Array): void {
    let i = 0
    const n = chunk.length
    while (i < n) {
      if (this.name !== null) {
        // Inside a tag's name (it may go on from the previous chunk): only its local name counts.
        const b = chunk[i] as number
        i++
        if (isNameEnd(b)) this.endName()
        else if (b === 0x3a)
          this.name.length = 0 // 'x:c' -> 'c'
        else if (this.name.length < 5) this.name.push(b) // longer than 'row' is no name we count
        continue
      }
      const lt = chunk.indexOf(LT, i)
      const end = lt === -1 ? n : lt
      this.run += end - i
      if (this.run > MAX_TEXT_BYTES) throw new LimitError(REASONS.text())
      if (lt === -1) return
      this.run = 0
      this.name = []
      i = lt + 1
    }
  }

  private endName(): void {
    const name = this.name as number[]
    this.name = null
    if (name.length === 1 && name[0] === 0x63) {
      this.cells++
      this.onCell()
    } else if (name.length === 3 && name[0] === 0x72 && name[1] === 0x6f && name[2] === 0x77) {
      this.rows++
      this.onRow(this.rows)
    }
  }
}
