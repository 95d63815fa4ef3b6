// The import wizard in the browser: files (chosen and dropped), a changed column mapping, the
// preview with an error row and a consent change, commit, the no-consent lists, and undo.
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, launchBrowser, openApp, watchTraffic, type AppSession } from '../helpers/browser.ts'
import { bigWorkbook } from '../imports/big-workbook.ts'
import { fixture } from '../imports/helpers.ts'

const HEADERS = ['Leerlingnummer', 'Roepnaam', 'Tussenvoegsel', 'Achternaam', 'Geboortedatum', 'Groep', 'BSN', 'Naam ouder/verzorger 1', 'E-mail ouder/verzorger 1', 'Toestemming website']
const day = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d))

async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('Leerlingen')
  ws.addRow(headers)
  for (const r of rows) ws.addRow(r)
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}

/** September: Anna and Bas, both with consent for the website. */
const september = () =>
  workbook(HEADERS, [
    ['2001', 'Anna', 'de', 'Boer', day(2018, 3, 1), '4', '123456789', 'Petra de Boer', 'petra@voorbeeld.nl', 'Ja'],
    ['2002', 'Bas', '', 'Smit', day(2018, 5, 9), '4', '', 'Kees Smit', 'kees@voorbeeld.nl', 'Ja'],
  ])

/**
 * November: Anna's parents now refuse the website, Bas is unchanged, Cas and Dirk are new, Eva's
 * birth date does not exist. 'Extra vraag 1' is the newsletter, which the program cannot know.
 */
const november = () =>
  workbook(
    [...HEADERS, 'Extra vraag 1'],
    [
      ['2001', 'Anna', 'de', 'Boer', day(2018, 3, 1), '4', '123456789', 'Petra de Boer', 'petra@voorbeeld.nl', 'Nee', 'Ja'],
      ['2002', 'Bas', '', 'Smit', day(2018, 5, 9), '4', '', 'Kees Smit', 'kees@voorbeeld.nl', 'Ja', ''],
      ['2003', 'Cas', '', 'Visser', day(2017, 11, 20), '4', '', 'Mira Visser', 'mira@voorbeeld.nl', 'Nee', 'Nee'],
      ['2004', 'Dirk', 'van', 'Meijer', day(2018, 1, 2), '4', '', 'Joost van Meijer', 'joost@voorbeeld.nl', 'Ja', 'Nee'],
      ['2005', 'Eva', '', 'Jansen', '31-02-2016', '4', '', 'Lotte Jansen', 'lotte@voorbeeld.nl', 'Ja', 'Ja'],
    ],
  )

/** Drops files on the drop zone as a file manager would (one of them over the size limit, made in the page). */
async function drop(page: Page, files: { name: string; base64?: string; sizeMb?: number }[]): Promise<void> {
  // Runs in the page (as text: the tests are compiled without the DOM's types).
  const transfer = await page.evaluateHandle(`(() => {
    const t = new DataTransfer()
    for (const f of ${JSON.stringify(files)}) {
      const bytes = f.base64 ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : new Uint8Array((f.sizeMb ?? 0) * 1024 * 1024)
      t.items.add(new File([bytes], f.name))
    }
    return t
  })()`)
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: transfer })
}

/** Pupils (as the list shows them, with their badge) on the no-consent list of group 4 for one purpose. */
async function noConsentList(page: Page, purpose: string): Promise<string[]> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Geen toestemming' }).click()
  await page.getByLabel('Groep', { exact: true }).selectOption({ label: 'Groep 4' })
  await page.getByLabel('Doel', { exact: true }).selectOption({ label: purpose })
  await page.locator('.no-consent[aria-busy=false]').waitFor()
  const rows = page.locator('.purpose-list', { hasText: purpose }).locator('tbody tr')
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort()
}

async function toImports(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Importeren' }).click()
  await page.getByRole('heading', { name: 'Importeren', level: 1 }).waitFor()
}

describe.skipIf(!browserTestsEnabled('import wizard'))('the import wizard', () => {
  let browser: Browser
  let app: AppSession

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openApp(browser)
    await app.page.getByLabel('Naam van de school').fill('OBS De Linde')
    await app.page.getByLabel('Uw naam').fill('Ans de Wit')
    await app.page.getByRole('button', { name: 'Lege school starten' }).click()
    await app.page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    const setup = [
      await app.harness.core.dispatch('settings.update', { staffName: 'Ans de Wit' }),
      await app.harness.core.dispatch('imports.commit', { files: [{ name: 'leerlingen-september.xlsx', data: (await september()).toString('base64') }] }),
    ]
    if (!setup.every((r) => r.ok)) throw new Error(`setting up the school failed: ${JSON.stringify(setup)}`)
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('imports a second version with a changed mapping: preview, commit, the lists, and undo', async () => {
    const { page } = app
    await toImports(page)

    // 1. Files: one chosen in the dialog, two dropped; each bad one gets its own Dutch message.
    await page.getByLabel('Bestanden kiezen').setInputFiles({ name: 'leerlingen-november.xlsx', mimeType: 'application/octet-stream', buffer: await november() })
    await drop(page, [
      { name: 'oud-formaat.xls', base64: readFileSync(fixture('oud-formaat.xls')).toString('base64') },
      { name: 'heel-groot.xlsx', sizeMb: 21 },
    ])
    const files = page.locator('table.files tbody tr')
    await expect.poll(() => files.count(), { timeout: 10_000 }).toBe(3)
    await page.locator('table.files[aria-busy=false]').waitFor()
    await files.filter({ hasText: 'heel-groot.xlsx' }).getByText('Het bestand is te groot (21 MB)').waitFor()
    expect(await files.filter({ hasText: 'leerlingen-november.xlsx' }).innerText()).toContain('In orde: tabel met 5 leerlingen')
    expect(await files.filter({ hasText: 'oud-formaat.xls' }).innerText()).toContain('Dit is een oud Excel-bestand (.xls, Excel 97-2003)')

    // 2. Columns: the unknown column is not used until the user says it is the newsletter.
    await page.getByRole('button', { name: 'Volgende: kolommen controleren' }).click()
    const extra = page.getByLabel('Wordt: Extra vraag 1')
    expect(await extra.inputValue()).toBe('ignore')
    expect(await page.locator('.ignored').innerText()).toBe('Niet gebruikt en niet opgeslagen: BSN (gevoelig), Extra vraag 1')
    expect(
      await page
        .getByRole('row', { name: /Toestemming website/ })
        .getByRole('combobox')
        .inputValue(),
    ).toBe('consent:website')
    await extra.selectOption({ label: 'Toestemming: Nieuwsbrief' })
    expect(await page.locator('.ignored').innerText()).toBe('Niet gebruikt en niet opgeslagen: BSN (gevoelig)')

    // 3. Preview: counts, the consent change of a known pupil, the error row.
    await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).click()
    const tiles = page.getByRole('tablist', { name: 'Wat de import doet' })
    await tiles.waitFor()
    expect((await tiles.getByRole('tab').allInnerTexts()).map((t) => t.split('\n').slice(0, 2).join(' '))).toEqual(['2 nieuwe leerlingen', '1 gewijzigd', '1 ongewijzigd', '1 rij met fouten', '0 mogelijk dubbel'])
    const anna = page.locator('.change-item', { hasText: 'Anna de Boer' })
    expect(await anna.locator('.consent-change').allInnerTexts()).toEqual(['Website van de school: toestemming → geweigerd', 'Nieuwsbrief: geen antwoord → toestemming'])
    await tiles.getByRole('tab', { name: /nieuwe leerlingen/ }).click()
    expect(await page.locator('.preview-table tbody tr', { hasText: 'Cas Visser' }).innerText()).toContain('nee Website van de school, Nieuwsbrief')
    await tiles.getByRole('tab', { name: /fouten/ }).click()
    const errorRow = page.locator('.preview-table.errors tbody tr')
    expect(await errorRow.allInnerTexts()).toEqual([expect.stringMatching(/^leerlingen-november\.xlsx\tLeerlingen\t6\tGeboortedatum\t31-02-2016\tGeboortedatum: '31-02-2016' is geen datum/)])
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Afgekeurde rijen (Excel) downloaden' }).click()])
    expect(download.suggestedFilename()).toBe('afgekeurde-rijen.xlsx')
    const rejected = new ExcelJS.Workbook()
    await rejected.xlsx.load(readFileSync(await download.path()) as unknown as ExcelJS.Buffer)
    const cells = rejected.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String))
    expect(cells).toContain('Eva')
    expect(cells.some((c) => c.includes('is geen datum'))).toBe(true)
    await page
      .locator('.preview-panel')
      .screenshot({ path: 'test-results/import-afgekeurde-rijen.png' })
      .catch(() => undefined)

    // 4. Commit: the button says what happens; the summary names the batch.
    await page.getByRole('button', { name: '3 leerlingen importeren' }).click()
    await page.getByRole('heading', { name: 'Import 2 opgeslagen' }).waitFor()
    expect(await page.locator('.done-card [role=status]').innerText()).toContain('2 nieuwe en 1 gewijzigde leerlingen')
    await page
      .locator('.done-card')
      .screenshot({ path: 'test-results/import-klaar.png' })
      .catch(() => undefined)

    expect(await noConsentList(page, 'Website van de school')).toEqual(['Boer, Anna de 4 Geweigerd', 'Visser, Cas 4 Geweigerd'])
    expect(await noConsentList(page, 'Nieuwsbrief')).toEqual(['Meijer, Dirk van 4 Geweigerd', 'Smit, Bas 4 Geen antwoord', 'Visser, Cas 4 Geweigerd'])

    // 5. History: undo the batch after a look at what that changes.
    await toImports(page)
    await page.getByRole('button', { name: 'Import 2 ongedaan maken' }).click()
    const confirm = page.getByRole('group', { name: 'Import 2 ongedaan maken' })
    expect(await confirm.locator('p').first().innerText()).toContain('2 leerlingen worden weer verborgen')
    expect(await confirm.locator('.change-item', { hasText: 'Anna de Boer' }).locator('.consent-change').first().innerText()).toBe('Website van de school: geweigerd → toestemming')
    await confirm.getByRole('button', { name: 'Ja, import 2 ongedaan maken' }).click()
    await page.getByRole('status').filter({ hasText: 'Import ongedaan gemaakt: 2 leerlingen weer verborgen' }).waitFor()
    await page.getByRole('heading', { name: 'Import 2 opgeslagen en weer ongedaan gemaakt' }).waitFor()

    expect(await noConsentList(page, 'Website van de school')).toEqual([])
    expect(await noConsentList(page, 'Nieuwsbrief')).toEqual(['Boer, Anna de 4 Geen antwoord', 'Smit, Bas 4 Geen antwoord'])
    expect(app.pageErrors).toEqual([])
  })

  it('a table of 21 new pupils written by LibreOffice imports as 21 rows, its 2 bad rows rejected; reading it as a form instead changes the preview', async () => {
    const { page } = app
    await toImports(page)
    await page.getByRole('button', { name: 'Nog een import' }).click()
    const name = 'nieuwe-leerlingen-21.xlsx'
    await page.getByLabel('Bestanden kiezen').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: readFileSync(fixture(`real/${name}`)) })
    const row = page.locator('table.files tbody tr', { hasText: name })
    await row.getByText('In orde: tabel met 21 leerlingen').waitFor()
    const readAs = page.getByLabel(`${name}, blad Nieuwe leerlingen: lezen als`)
    expect(await readAs.inputValue()).toBe('table')

    const tileTexts = async (): Promise<string[]> => {
      const tiles = page.getByRole('tablist', { name: 'Wat de import doet' })
      await tiles.waitFor()
      return (await tiles.getByRole('tab').allInnerTexts()).map((t) => t.split('\n').slice(0, 2).join(' '))
    }
    const toPreview = async (): Promise<void> => {
      await page.getByRole('button', { name: 'Volgende: kolommen controleren' }).click()
      await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).click()
    }
    await toPreview()
    expect(await tileTexts()).toEqual(['19 nieuwe leerlingen', '0 gewijzigd', '0 ongewijzigd', '2 rijen met fouten', '0 mogelijk dubbel'])

    // The user says it is a form: the analysis and then the preview follow.
    await page.getByRole('button', { name: /Bestanden kiezen/ }).click()
    await readAs.selectOption('form')
    await row.getByText('In orde: ingevuld formulier').waitFor()
    await toPreview()
    expect(await tileTexts()).toEqual(['0 nieuwe leerlingen', '0 gewijzigd', '0 ongewijzigd', '1 rij met fouten', '0 mogelijk dubbel'])

    // Back to a table, and commit: 19 pupils, the 2 bad rows left out.
    await page.getByRole('button', { name: /Bestanden kiezen/ }).click()
    await readAs.selectOption('table')
    await row.getByText('In orde: tabel met 21 leerlingen').waitFor()
    await toPreview()
    expect((await tileTexts())[0]).toBe('19 nieuwe leerlingen')
    await page.getByRole('button', { name: '19 leerlingen importeren' }).click()
    expect(await page.locator('.done-card [role=status]').innerText()).toContain('19 nieuwe en 0 gewijzigde leerlingen')
    expect(await page.locator('.done-card [role=status]').innerText()).toContain('2 rijen met fouten zijn overgeslagen')
    expect(app.pageErrors).toEqual([])
  })

  it('an .ods saved by LibreOffice is chosen like an .xlsx, and a family address under two names is pointed out in the preview', async () => {
    const { page } = app
    await toImports(page)
    await page.getByRole('button', { name: 'Nog een import' }).click()
    const family = ['Roepnaam;Achternaam;Geboortedatum;Groep;Naam ouder;E-mail ouder', 'Sem;Jansen;01-02-2019;4;Linda Jansen;fam.jansen@voorbeeld.nl', 'Eva;Jansen;02-03-2017;4;Lars Jansen;fam.jansen@voorbeeld.nl'].join(
      '\r\n',
    )
    await page.getByLabel('Bestanden kiezen').setInputFiles([
      { name: 'parnassys-leerlingen.ods', mimeType: 'application/octet-stream', buffer: readFileSync(fixture('real/parnassys-leerlingen.ods')) },
      { name: 'gezin.csv', mimeType: 'text/csv', buffer: Buffer.from(family) },
    ])
    await page
      .locator('table.files tbody tr', { hasText: 'parnassys-leerlingen.ods' })
      .getByText(/^In orde/)
      .waitFor()
    await page
      .locator('table.files tbody tr', { hasText: 'gezin.csv' })
      .getByText(/^In orde/)
      .waitFor()
    await page.getByRole('button', { name: 'Volgende: kolommen controleren' }).click()
    await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).click()
    const note = page.locator('.same-email')
    await note.first().waitFor()
    expect(await note.allInnerTexts()).toEqual([expect.stringContaining('fam.jansen@voorbeeld.nl is ook het e-mailadres van Linda Jansen. Lars Jansen wordt als aparte ouder/verzorger vastgelegd.')])
    expect(app.pageErrors).toEqual([])
  })

  it('a 10,000-row preview shows how far it is and stops with Stoppen: the register is unchanged, and no file travels in an API call', async () => {
    const { page } = app
    const traffic = watchTraffic(page)
    const { calls, uploads } = traffic
    const register = async () => ({
      pupils: ((await app.harness.core.dispatch('pupils.list', { includeLeft: true })) as { value: unknown[] }).value.length,
      batches: ((await app.harness.core.dispatch('imports.batches', {})) as { value: unknown[] }).value.length,
    })
    const before = await register()
    await toImports(page)
    // Wherever the test before left the wizard: back to an empty first step.
    const again = page.getByRole('button', { name: 'Nog een import' })
    if (await again.count()) await again.click()
    const toFiles = page.getByRole('button', { name: /Bestanden kiezen/ })
    if (await toFiles.count()) await toFiles.click()
    const clear = page.getByRole('button', { name: 'Alles weghalen' })
    if (await clear.count()) await clear.click()
    await page.getByLabel('Bestanden kiezen').setInputFiles({ name: 'stichting-10000.xlsx', mimeType: 'application/octet-stream', buffer: await bigWorkbook(10_000) })
    await page.locator('table.files tbody tr').getByText('In orde: tabel met 10000 leerlingen').waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Volgende: kolommen controleren' }).click()
    await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).click()

    const stop = page.getByRole('button', { name: 'Stoppen' })
    await page.getByRole('status').filter({ hasText: /rijen/i }).first().waitFor()
    await stop.click()
    await page.getByRole('status').filter({ hasText: 'Gestopt op uw verzoek. Er is niets opgeslagen of gewijzigd.' }).waitFor()
    await page.screenshot({ path: 'test-results/import-gestopt.png' }).catch(() => undefined)
    expect(await stop.count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Volgende: voorbeeld bekijken' }).isEnabled()).toBe(true)
    expect(await register()).toEqual(before)

    // The file went up once; every import call named the session, none carried the file.
    expect(uploads).toHaveLength(1)
    const imports = calls.filter((c) => /"method":"imports\.(open|analyze|preview|commit)"/.test(c))
    expect(imports.length).toBeGreaterThanOrEqual(2)
    expect(imports.every((c) => c.length < 10_000 && !c.includes('"data"'))).toBe(true)
    expect(imports.filter((c) => c.includes('"imports.preview"')).every((c) => /"session":"s-/.test(c))).toBe(true)
    traffic.stop()
    expect(app.pageErrors).toEqual([])
  }, 120_000)
})
