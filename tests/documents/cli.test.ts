import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../electron/cli.ts'
import { pdfPages } from './helpers.ts'

let dir: string
let db: string
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main([...argv, '--db', db], { write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
  return { code, stdout, stderr }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tr-cli-docs-'))
  db = join(dir, 'school.sqlite')
  const setup = await cli('setup', '--demo')
  if (setup.code !== 0) throw new Error(setup.stderr)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('cli: print and export', () => {
  it('print consent-forms --group 5: one page per pupil of group 5', async () => {
    const out = join(dir, 'groep5.pdf')
    const r = await cli('print', 'consent-forms', '--group', '5', '--out', out)
    expect(r).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(r.stdout)).toEqual({ path: out, mimeType: 'application/pdf', count: 20, countLabel: "pagina's" })
    const pages = await pdfPages(readFileSync(out))
    expect(pages).toHaveLength(20)
    for (const p of pages) expect(p).toMatch(/\d\d-\d\d-\d{4} 5\n/)
  })

  it('print no-consent for an event over two groups and one purpose', async () => {
    const out = join(dir, 'fotograaf.pdf')
    const r = await cli('print', 'no-consent', '--group', '1/2a', '--group', '1/2b', '--purpose', 'press', '--event', 'Krant bij de opening', '--out', out)
    expect(r.code).toBe(0)
    const text = (await pdfPages(readFileSync(out))).join('\n')
    expect(text).toContain('Wie mag niet op de foto: Krant bij de opening')
    expect(text).toContain('Groepen 1/2a en 1/2b · 40 leerlingen')
    expect(text).toContain('Lokale media (krant, lokale tv)')
    expect(text).not.toContain('Website van de school')
  })

  it('print class-list as CSV and vCard (format from --format or the file name)', async () => {
    const csv = join(dir, 'groep5.csv')
    expect((await cli('print', 'class-list', '--group', '5', '--out', csv)).code).toBe(0)
    expect(readFileSync(csv).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const vcf = join(dir, 'contacten.txt')
    const r = await cli('print', 'class-list', '--group', '5', '--format', 'vcf', '--out', vcf)
    expect(JSON.parse(r.stdout)).toMatchObject({ mimeType: 'text/vcard', countLabel: 'contactpersonen' })
    expect(readFileSync(vcf, 'utf8')).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\n/)
  })

  it('export dossier by id or form code, as PDF or ZIP by the file name', async () => {
    const zip = join(dir, 'dossier.zip')
    expect((await cli('export', 'dossier', '--pupil', '1', '--out', zip)).code).toBe(0)
    const files = unzipSync(new Uint8Array(readFileSync(zip)))
    const json = Object.keys(files).find((f) => f.endsWith('.json'))
    expect(JSON.parse(strFromU8(files[json as string]!)).pupil.id).toBe(1)
    const code = JSON.parse((await cli('call', 'pupils.get', '{"id":2}')).stdout).formCode as string
    const pdf = join(dir, 'dossier.pdf')
    expect((await cli('export', 'dossier', '--pupil', code, '--out', pdf)).code).toBe(0)
    expect((await pdfPages(readFileSync(pdf))).join('\n')).toContain(code)
  })

  it('wrong use: exit 2 with a Dutch hint; a group without pupils: exit 1 with a clear message', async () => {
    expect(await cli('print', 'class-list', '--group', '9', '--out', join(dir, 'x.pdf'))).toMatchObject({
      code: 2,
      stderr: "Groep '9' bestaat niet in dit schooljaar. Groepen: 1/2a, 1/2b, 3, 4, 5, 6, 7, 8.\nZie: npm run cli -- help\n",
    })
    expect(await cli('print', 'class-list', '--group', '5')).toMatchObject({ code: 2, stderr: expect.stringContaining('Geef met --out aan waar het bestand moet komen') })
    expect(await cli('print', 'posters', '--out', join(dir, 'x.pdf'))).toMatchObject({ code: 2, stderr: expect.stringContaining('print consent-forms|no-consent|class-list') })
    expect(await cli('export', 'dossier', '--pupil', '1', '--out', join(dir, 'x.docx'))).toMatchObject({ code: 2, stderr: expect.stringContaining('.pdf of .zip') })
    expect(await cli('print', 'class-list', '--group', '5', '--format', 'xlsx', '--out', join(dir, 'x.xlsx'))).toMatchObject({ code: 2 })
    expect((await cli('call', 'groups.save', '{"name":"9"}')).code).toBe(0)
    expect(await cli('print', 'consent-forms', '--group', '9', '--out', join(dir, 'leeg.pdf'))).toMatchObject({
      code: 1,
      stderr: 'Groep 9 heeft geen leerlingen. Voeg eerst leerlingen toe aan deze groep, of kies een andere groep.\n',
    })
  })
})
