// Plain data that flows through the import's pure edge.

/** A cell as we use it: formulas become their cached result, links and rich text their text. */
export type Cell = string | number | boolean | Date | null

export interface SheetData {
  name: string
  /** rows[r][c]: Excel row r+1, column c+1. Merged ranges hold their value in the top-left cell only. */
  rows: Cell[][]
  /** 0-based indexes of hidden columns. */
  hiddenColumns: number[]
  merges: { top: number; left: number; bottom: number; right: number }[]
  /** Serial numbers count from 1904 (old Mac workbooks). */
  date1904: boolean
}
