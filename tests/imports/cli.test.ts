// Every committed fixture through `import --json`, in process; and once as a real child process.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { answers, cli, fixture, type CliJson, type CliPupil } from './helpers.ts'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tr-import-cli-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

async function preview(...names: string[]): Promise<CliJson> {
  const r = await cli('import', '--db', join(dir, 'school.sqlite'), '--json', ...names.map(fixture))
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return r.json()
}

const pick = (p: CliPupil) => [p.row, p.studentNumber, p.firstName, p.lastNamePrefix, p.lastName, p.birthDate, p.group, answers(p.consents), p.status]

describe('import --json on each fixture (preview: nothing written)', () => {
  it('an administration export: title rows, odd headers, every kind of cell, row errors, ignored columns', async () => {
    const j = await preview('administratie-export.xlsx')
    expect(j.files).toEqual([
      {
        file: fixture('administratie-export.xlsx'),
        ok: true,
        layout: 'table',
        rows: 9,
        found: 'tabel met 9 leerlingen (kopregel op rij 4)',
        sheets: [{ sheet: 'Leerlingen', layout: 'table', rows: 9, found: 'tabel met 9 leerlingen (kopregel op rij 4)' }],
        ignoredColumns: ['BSN', 'Medische bijzonderheden', 'Godsdienst', 'Interne code'],
      },
    ])
    expect(j.pupils.map(pick)).toEqual([
      [5, '1001', 'Zoë', 'van der', 'Berg', '2017-04-07', '5', '++.-....', 'new'],
      [6, '1002', 'Sem', 'van der', 'Berg', '2014-12-27', '7', '+..+....', 'new'],
      [8, '1003', 'Łukasz', '', 'Kowalski', '2013-04-07', '8', '++.-....', 'new'],
      [9, '1004', 'Thị Lan', '', 'Nguyễn', '2013-04-07', '6', '+-.-....', 'new'],
      [10, '1005', 'Daan', 'de', 'Vries', '2013-04-07', '6', '-..-....', 'new'],
      [14, '1009', 'Emma', '', 'Smit', '2016-05-12', '4', '+..-....', 'new'],
    ])
    expect(j.pupils[0]?.guardians).toEqual([
      { name: 'Marieke van der Berg', email: 'marieke@voorbeeld.nl', phone: '06-12345678' },
      { name: 'Ömer Yılmaz', email: '', phone: '0687654321' },
    ])
    expect(j.pupils[2]?.guardians[0]?.phone).toBe('+31612345679') // stored by the spreadsheet as 31612345679
    expect(j.rowErrors.map((e) => [e.row, e.message])).toEqual([
      [11, expect.stringMatching(/^Geboortedatum: '31-02-2015' is geen datum/)],
      [12, 'Vul de achternaam in.'],
      [13, expect.stringContaining("E-mail ouder/verzorger 1: Het e-mailadres 'joost-at-voorbeeld' klopt niet.")],
      [13, expect.stringContaining("Toestemming website: 'misschien' is geen antwoord")],
    ])
    expect(j.summary).toMatchObject({ files: 1, filesFailed: 0, pupils: 6, new: 6, rowErrors: 3, committed: false })
  })

  it('siblings in one file share their guardian', async () => {
    const j = await preview('administratie-export.xlsx')
    expect(j.summary.guardiansNew).toBe(7) // Marieke once for Zoë and Sem
  })

  it("an online form's export: surname with its tussenvoegsel in one cell, consent as one multi-select column", async () => {
    const j = await preview('formulier-antwoorden.xlsx')
    expect(j.files[0]?.ignoredColumns).toEqual(['Id', 'Begintijd', 'Tijd van voltooien', 'E-mail', 'Naam', 'Heeft uw kind een allergie?'])
    expect(j.pupils.map(pick)).toEqual([
      [2, null, 'Sanne', 'van der', 'Berg', '2018-03-01', '1/2a', '+--+-...', 'new'],
      [3, null, 'Milan', 'de', 'Groot', '2019-09-12', '1/2a', '-----...', 'new'],
      [4, null, 'Yara', '', 'El Amrani', '2019-01-30', '1/2b', '+++++...', 'new'],
      [5, null, 'Finn', '', 'Visser', '2019-03-03', '1/2b', '........', 'new'],
    ])
    expect(j.pupils[0]?.guardians).toEqual([{ name: 'Marieke van der Berg', email: 'marieke@voorbeeld.nl', phone: '0612345678' }])
  })

  it('a Google Forms CSV: whole name in one cell, comma-separated choices', async () => {
    const j = await preview('google-formulier.csv')
    expect(j.pupils.map(pick)).toEqual([
      [2, null, 'Sanne', 'van der', 'Berg', '2017-04-07', '5', '+--+----', 'new'],
      [3, null, 'Tim', '', 'Bakker', '2016-11-17', '5', '++++++++', 'new'],
      [4, null, 'Lieke', 'de', 'Vries', '2017-02-02', '5', '--------', 'new'],
    ])
    expect(j.files[0]?.ignoredColumns).toEqual(['Tijdstempel'])
  })

  it('English headers and yes/no/TRUE/FALSE', async () => {
    const j = await preview('engelse-kolommen.xlsx')
    expect(j.pupils.map(pick)).toEqual([
      [2, 'S-77', 'Olivia', '', 'Brown', '2016-06-01', '5', '++.-.-..', 'new'],
      [3, 'S-78', 'Noah', 'de', 'Jong', '2015-02-14', '6', '+-.+....', 'new'],
    ])
    expect(j.pupils[0]?.guardians.map((g) => g.name)).toEqual(['Emily Brown', 'James Brown'])
  })

  it('CSV with semicolons in Windows-1252, and with commas in UTF-8 with a BOM', async () => {
    const j = await preview('puntkomma-windows1252.csv', 'komma-utf8-bom.csv')
    expect(j.pupils.map((p) => `${p.firstName} ${p.lastNamePrefix} ${p.lastName} ${p.birthDate}`.replace(/ +/g, ' '))).toEqual([
      'Chloë Dubois 2019-04-07',
      'André van Dijk 2019-04-07',
      'Renée Maës 2019-04-07',
      'Ömer Yılmaz 2016-05-12',
      'Łukasz Nowak 2016-06-01',
      'Zoë van den Heuvel 2016-12-31',
    ])
    expect(j.pupils[0]?.guardians[0]?.phone).toBe('0612345670')
    expect(j.pupils[4]?.guardians[0]?.name).toBe('Nowak, Ewa')
  })

  it('the filled-in template, also as saved again by LibreOffice, imports perfectly', async () => {
    for (const name of ['inschrijfformulier-zoe.xlsx', 'libreoffice-formulier.xlsx']) {
      const j = await preview(name)
      expect(j.rowErrors).toEqual([])
      expect(j.files[0]?.ignoredColumns).toEqual(['Ondertekening › Ondertekend door', 'Ondertekening › Datum', 'Ondertekening › Handtekening'])
      expect(j.pupils.map(pick)).toEqual([[5, '1001', 'Zoë', 'van der', 'Berg', '2017-04-07', '5', '+-.+.-..', 'new']])
      expect(j.pupils[0]?.guardians).toEqual([
        { name: 'Marieke van der Berg', email: 'marieke@voorbeeld.nl', phone: '0612345678' },
        { name: 'Ömer Yılmaz', email: '', phone: '06-87654321' },
      ])
    }
  })

  it("another school's form of the same kind: labels without colons, ☒/☐ under JA and NEE", async () => {
    const j = await preview('ander-formulier.xlsx')
    expect(j.rowErrors).toEqual([])
    expect(j.pupils.map(pick)).toEqual([[4, null, 'Bram', '', 'Mulder', '2016-03-03', '5', '+..-..+.', 'new']])
    expect(j.pupils[0]?.guardians).toEqual([
      { name: 'Sanne Mulder', email: 'sanne.mulder@voorbeeld.nl', phone: '0612121213' },
      { name: 'Joris Mulder', email: '', phone: '06-13131314' },
    ])
    expect(j.files[0]?.ignoredColumns).toEqual([]) // the BSN label is not even a field of ours
  })

  it('a table written by LibreOffice: date cells, merged title, hidden column, booleans', async () => {
    const j = await preview('libreoffice-tabel.xlsx')
    expect(j.files[0]?.ignoredColumns).toEqual(['Onderwijsnummer'])
    expect(j.pupils.map(pick)).toEqual([
      [4, '4001', 'Zoë', 'van der', 'Berg', '2017-04-07', '5', '+.-..+..', 'new'],
      [5, '4002', 'Jesse', '', 'Kuipers', '2014-12-27', '7', '-.+.....', 'new'],
      [6, '4003', 'Noor', 'el', 'Idrissi', '2016-02-29', '5', '+.-..-..', 'new'],
    ])
  })

  it('many forms at once, or a whole folder: the same pupil twice is a possible duplicate, not two pupils', async () => {
    const j = await preview('inschrijfformulier-zoe.xlsx', 'inschrijfformulier-chloe.xlsx', 'administratie-export.xlsx')
    expect(j.pupils.filter((p) => p.firstName === 'Zoë')).toHaveLength(2)
    expect(j.duplicates).toEqual([expect.objectContaining({ kind: 'in_import', rows: ['0/0/5', '2/0/5'] })])
    expect(j.summary).toMatchObject({ skipped: 1, duplicates: 1 })
    // Chloë's mother is the mother of Zoë: one guardian, matched by e-mail in another case.
    expect(j.pupils.find((p) => p.firstName === 'Chloë')?.guardians[0]?.email).toBe('marieke@voorbeeld.nl')
  })

  it('bad files each get one Dutch message, and the good file in the same import still goes through', async () => {
    const bad = ['afgebroken.xlsx', 'word-document.xlsx', 'leeg.xlsx', 'alleen-kopregel.xlsx', 'oud-formaat.xls', 'beveiligd.xlsx', 'inschrijfformulier-leeg.xlsx']
    const j = await preview(...bad, 'engelse-kolommen.xlsx')
    expect(j.files.map((f) => [f.file.replace(/^.*\//, ''), f.ok, f.error])).toEqual([
      ['afgebroken.xlsx', false, expect.stringMatching(/^Het bestand is beschadigd of onvolledig/)],
      ['word-document.xlsx', false, expect.stringMatching(/^Dit is een Word-document, geen Excel-bestand/)],
      ['leeg.xlsx', false, expect.stringMatching(/^Het bestand is leeg \(0 bytes\)/)],
      ['alleen-kopregel.xlsx', false, "Het bestand heeft wel een kopregel (rij 1 op blad 'Blad1'), maar geen leerlingen daaronder."],
      ['oud-formaat.xls', false, expect.stringMatching(/^Dit is een oud Excel-bestand \(\.xls, Excel 97-2003\)\. Open het in Excel en sla het op als Excel-werkmap \(\.xlsx\)/)],
      ['beveiligd.xlsx', false, expect.stringMatching(/^Het bestand is beveiligd met een wachtwoord\. .*sla het op zonder wachtwoord/)],
      ['inschrijfformulier-leeg.xlsx', false, 'Het formulier is niet ingevuld: er staan geen gegevens van een leerling in.'],
      ['engelse-kolommen.xlsx', true, undefined],
    ])
    expect(j.pupils).toHaveLength(2)
    expect(j.summary).toMatchObject({ files: 8, filesFailed: 7 })
  })

  it('a file that does not exist is an error for that file; a folder imports the files in it', async () => {
    const j = await preview('bestaat-niet.xlsx')
    expect(j.files[0]).toMatchObject({ ok: false, error: expect.stringContaining('bestaat niet') })
    const r = await cli('import', '--db', join(dir, 'school.sqlite'), '--json', join(fixture('x'), '..'))
    expect(r.code).toBe(0)
    expect(r.json().files.length).toBe(readdirSync(join(fixture('x'), '..')).filter((f) => /\.(xlsx|csv|xls)$/.test(f)).length)
  })

  it('without --commit nothing is written, not even a database file; no files is a usage error (exit 2)', async () => {
    await preview('engelse-kolommen.xlsx')
    expect(existsSync(join(dir, 'school.sqlite'))).toBe(false)
    const r = await cli('import', '--db', join(dir, 'school.sqlite'), '--json')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Noem een of meer bestanden')
  })

  it('--commit writes one batch (as --staff), and the same files again change nothing', async () => {
    const db = join(dir, 'school.sqlite')
    const first = await cli('import', '--commit', '--staff', 'Ans de Wit', '--db', db, '--json', fixture('engelse-kolommen.xlsx'), fixture('leeg.xlsx'))
    expect(first.code).toBe(0)
    expect(first.json().summary).toMatchObject({ committed: true, batchId: 1, new: 2, filesFailed: 1 })
    const again = await cli('import', '--commit', '--db', db, '--json', fixture('engelse-kolommen.xlsx'))
    expect(again.json().summary).toMatchObject({ committed: false, batchId: null, unchanged: 2 })
    expect(again.json().pupils.map((p) => p.status)).toEqual(['unchanged', 'unchanged'])
    const batches = await cli('call', 'imports.batches', '--db', db)
    expect(JSON.parse(batches.stdout)).toMatchObject([{ id: 1, createdBy: 'Ans de Wit', files: [{ name: 'engelse-kolommen.xlsx', rows: 2 }] }])
  })

  it('runs as `npm run --silent cli -- import --json ...` in a child process', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'cli', '--', 'import', '--db', join(dir, 'school.sqlite'), '--json', fixture('engelse-kolommen.xlsx'), fixture('leeg.xlsx')], {
      cwd: join(import.meta.dirname, '..', '..'),
      timeout: 60_000,
    })
    const j = JSON.parse(stdout) as CliJson
    expect(j.files.map((f) => f.ok)).toEqual([true, false])
    expect(j.pupils.map((p) => p.firstName)).toEqual(['Olivia', 'Noah'])
  }, 60_000)
})
