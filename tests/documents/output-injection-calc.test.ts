// The class list's CSV opened in LibreOffice Calc as Excel opens it (formulas evaluated, numbers
// detected): no cell an attacker wrote becomes a formula, and a phone stays as typed. Its own file
// in the process lane, because each check starts LibreOffice (output-injection.test.ts has the rest).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { documentSchool, make } from './helpers.ts'

/** The CSV opened by LibreOffice Calc as Excel opens it (formulas evaluated, numbers detected); every cell with its type. */
async function openInCalc(csv: Buffer, separator: ';' | ','): Promise<{ address: string; value: unknown; type: ExcelJS.ValueType }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tr-calc-'))
  try {
    writeFileSync(join(dir, 'lijst.csv'), csv)
    const filter = `CSV:${separator.charCodeAt(0)},34,76,1,,1043,false,true,false,false,false,-1,true`
    execFileSync('soffice', [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', `--infilter=${filter}`, '--convert-to', 'xlsx', '--outdir', dir, join(dir, 'lijst.csv')], {
      stdio: 'ignore',
      timeout: 90_000,
    })
    expect(readdirSync(dir)).toContain('lijst.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(dir, 'lijst.xlsx'))
    const cells: { address: string; value: unknown; type: ExcelJS.ValueType }[] = []
    ;(wb.worksheets[0] as ExcelJS.Worksheet).eachRow((row) => row.eachCell((c) => void cells.push({ address: c.address, value: c.value, type: c.type })))
    return cells
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe.skipIf(!existsSync('/usr/bin/soffice'))('CSV opened in LibreOffice Calc (when installed)', () => {
  it('no cell is a formula, and no phone becomes a number, with ; and with , as separator', { timeout: 180_000 }, async () => {
    const s = await documentSchool()
    await ok(s.core, 'guardians.save', { pupilId: s.zoe.id, name: 'Jan, =HYPERLINK("http://x.example","klik")', relation: '-2+3', phone: '+31612345678' })
    await ok(s.core, 'guardians.save', { pupilId: s.zoe.id, name: '=HYPERLINK("http://x.example";"klik")', relation: '@SUM(1+1)' })
    const csv = await make(s.core, 'documents.classList', { groupId: s.group.id, format: 'csv' })
    for (const separator of [';', ','] as const) {
      const cells = await openInCalc(csv, separator)
      // Only the group ('5') may become a number: it reads the same. A phone may not (0687654321 -> 687654321);
      // it is a constant text formula at most, whose result is the number as typed.
      const phoneFormula = (c: { value: unknown }): boolean => /^"[+\d\s()-]*"$/.test(String((c.value as { formula?: string }).formula)) && typeof (c.value as { result?: unknown }).result === 'string'
      expect(cells.filter((c) => c.type !== ExcelJS.ValueType.String && !(c.address.startsWith('A') && c.value === 5) && !phoneFormula(c))).toEqual([])
    }
    const dutch = await openInCalc(csv, ';')
    const shown = dutch.map((c) => (typeof c.value === 'object' && c.value !== null && 'result' in c.value ? c.value.result : c.value))
    // The leading 0 and the + stay, with nothing in front of them.
    expect(shown).toEqual(expect.arrayContaining(['+31612345678', '0687654321', '06-12345678', '+31687654321', `'=HYPERLINK("http://x.example";"klik")`, "'@SUM(1+1)", "'-2+3"]))
  })
})
