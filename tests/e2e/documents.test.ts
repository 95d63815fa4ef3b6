import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import type { Browser, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { generateSchool } from '../../electron/core/school/generate.ts'
import { insertSchool } from '../../electron/core/school/school.service.ts'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'
import { makePng, pdfPages } from '../documents/helpers.ts'
import sharp from 'sharp'
import { PRINT_STOPPED_MESSAGE } from '../../shared/documents.labels.ts'

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' })

async function downloaded(download: Download): Promise<Buffer> {
  const path = await download.path()
  return readFileSync(path)
}

describe.skipIf(!browserTestsEnabled('documents'))('printing from the screens (web harness: downloads)', () => {
  let browser: Browser
  let app: AppSession

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openApp(browser, { now: () => new Date('2026-11-22T09:30:00Z') })
    // A school of 600 pupils, so that the batch of forms takes long enough to show its progress.
    const { core } = app.harness
    const setup = await core.dispatch('school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    if (!setup.ok) throw new Error(setup.error.message)
    await core.dispatch('settings.update', { staffName: 'Ans de Wit' })
    // The harness's core runs in its worker: the school goes in over a second connection to the same file.
    const side = openCore({ dbPath: core.info.dbPath, appVersion: 'test' })
    side.ctx.db.transaction(() => insertSchool(side.ctx, generateSchool({ pupils: 600 }), 'Ans de Wit'))()
    side.close()
    await core.dispatch('groups.save', { name: '9' })
    await app.page.reload()
    await app.page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('Afdrukken: consent forms for the whole school as one PDF, with a progress bar while it is made', async () => {
    const { page } = app
    await sidebar(page).getByRole('link', { name: 'Afdrukken' }).click()
    await page.getByRole('heading', { name: 'Afdrukken', level: 1 }).waitFor()
    await page.getByRole('checkbox', { name: 'Groep 9 (0)' }).uncheck()
    const download = page.waitForEvent('download', { timeout: 30_000 })
    await page.getByRole('button', { name: /^Formulieren voor 8 groepen \(600 leerlingen\) downloaden$/ }).click()
    const bar = page.getByRole('progressbar')
    await bar.filter({ hasText: / van 600 / }).waitFor({ timeout: 10_000 })
    const pdf = await downloaded(await download)
    expect((await download).suggestedFilename()).toBe('toestemmingsformulieren-8-groepen-2026-11-22.pdf')
    // 600 forms, and a cover page before each of the 8 groups.
    await page.getByRole('status').filter({ hasText: "(608 pagina's)" }).waitFor()
    expect(await bar.count()).toBe(0)
    // pdfinfo counts 600 pages in a moment; reading all their text would take longer than the check is worth.
    expect(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }))?.[1]).toBe('608')
    expect(app.pageErrors).toEqual([])
  }, 60_000)

  it("Afdrukken and a round's forms: Stoppen while 600 forms are made gives no download and records nothing; the screen says so", async () => {
    const { page } = app
    let downloads = 0
    const count = () => downloads++
    page.on('download', count)
    const stopped = page.getByRole('status').filter({ hasText: PRINT_STOPPED_MESSAGE })
    // A round of all 600 pupils, its forms stopped on the Schooljaar page.
    const round = await app.harness.core.dispatch('campaigns.start', { name: 'Toestemming 2026-2027' })
    if (!round.ok) throw new Error(round.error.message)
    await sidebar(page).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('heading', { name: 'Toestemming 2026-2027' }).waitFor()
    await page.getByRole('button', { name: 'Formulieren afdrukken (600)' }).click()
    await page
      .getByRole('progressbar')
      .filter({ hasText: / van 600 / })
      .waitFor({ timeout: 10_000 })
    await page
      .locator('.campaign')
      .screenshot({ path: 'test-results/ronde-afdrukken-bezig.png' })
      .catch(() => undefined)
    await page.getByRole('button', { name: 'Stoppen' }).click()
    await stopped.waitFor({ timeout: 10_000 })
    await page
      .locator('.campaign')
      .screenshot({ path: 'test-results/ronde-afdrukken-gestopt.png' })
      .catch(() => undefined)
    expect(await page.getByRole('button', { name: 'Formulieren afdrukken (600)' }).isEnabled()).toBe(true)
    // Then the Afdrukken page's forms for the whole school.
    await sidebar(page).getByRole('link', { name: 'Afdrukken' }).click()
    await page.getByRole('heading', { name: 'Afdrukken', level: 1 }).waitFor()
    await page.getByRole('button', { name: /^Formulieren voor .*\(600 leerlingen\) downloaden$/ }).click()
    await page
      .getByRole('progressbar')
      .filter({ hasText: / van 600 / })
      .waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: 'Stoppen' }).click()
    await stopped.waitFor({ timeout: 10_000 })
    expect(await page.getByRole('progressbar').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Stoppen' }).count()).toBe(0)

    page.off('download', count)
    expect(downloads).toBe(0)
    // Read over a second connection to the harness's file: no form of the round recorded as handed out.
    const side = openCore({ dbPath: app.harness.core.info.dbPath, appVersion: 'test' })
    try {
      expect(side.ctx.db.prepare('SELECT count(*) FROM campaign_forms WHERE printed_at IS NOT NULL').pluck().get()).toBe(0)
    } finally {
      side.close()
    }
    await app.harness.core.dispatch('campaigns.close', { id: (round.value as { id: number }).id })
    expect(app.pageErrors).toEqual([])
  }, 90_000)

  it('a group without pupils gives a clear message, not an empty PDF', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'niets' }).first().click()
    await page.getByRole('checkbox', { name: 'Groep 9 (0)' }).check()
    let downloads = 0
    page.on('download', () => downloads++)
    await page.getByRole('button', { name: /downloaden$/ }).click()
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toBe('Groep 9 heeft geen leerlingen. Voeg eerst leerlingen toe aan deze groep, of kies een andere groep.')
    expect(downloads).toBe(0)
  })

  it('group page: the class list as CSV for Excel and the no-consent list as PDF', async () => {
    const { page } = app
    await sidebar(page).getByRole('link', { name: 'Groepen' }).click()
    await page.getByRole('link', { name: '5', exact: true }).first().click()
    await page.getByRole('heading', { name: 'Afdrukken en exporteren' }).waitFor()
    const csvDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Klassenlijst groepsapp (CSV voor Excel) downloaden' }).click()
    const csv = await downloaded(await csvDownload)
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(csv.toString('utf8').split('\r\n')[0]).toContain('Groep;Leerling;Herkenbaar in beeld')
    const pdfDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Wie mag niet op de foto (alle doelen) downloaden' }).click()
    expect((await pdfPages(await downloaded(await pdfDownload))).join('\n')).toContain('Groep 5 · ')
  })

  it('Geen toestemming: prints the list with the filter on screen, one line per child', async () => {
    const { page } = app
    await sidebar(page).getByRole('link', { name: 'Geen toestemming' }).click()
    await page.getByRole('heading', { name: 'Geen toestemming', level: 1 }).waitFor()
    await page.getByLabel('Groep', { exact: true }).selectOption({ label: 'Groep 5' })
    await page.getByLabel('Status').selectOption('refused')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Wie mag niet op de foto: groep 5, alleen geweigerd downloaden' }).click()
    const text = (await pdfPages(await downloaded(await download))).join('\n')
    expect(text).toContain('Groep 5 · ')
    expect(text).toContain('alleen geweigerd')
    expect(text).not.toContain('Contactgegevens delen')
  })

  it('pupil page: the dossier as ZIP with the JSON, and the pupil’s own form', async () => {
    const { page } = app
    await page.keyboard.press('Control+K')
    await page.keyboard.type('Łukasz')
    await page.getByRole('option').first().waitFor()
    await page.keyboard.press('Enter')
    await page.getByText('Afdrukken en exporteren').click()
    const zipDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Dossier (ZIP: PDF, JSON en bijlagen) downloaden' }).click()
    const files = unzipSync(new Uint8Array(await downloaded(await zipDownload)))
    const json = Object.keys(files).find((f) => f.endsWith('.json'))
    expect(JSON.parse(strFromU8(files[json as string]!)).pupil.firstName).toBe('Łukasz')
    const formDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Toestemmingsformulier downloaden' }).click()
    const pages = await pdfPages(await downloaded(await formDownload))
    expect(pages).toHaveLength(1)
    expect(pages[0]).toContain('Łukasz')
  })

  it('Afdrukken: an access request: find the pupil, choose the guardian who asked, get the dossier for them', async () => {
    const { page } = app
    await sidebar(page).getByRole('link', { name: 'Afdrukken' }).click()
    await page.locator('.print-kinds label', { hasText: 'Leerlingdossier' }).click()
    await page.getByLabel('Leerling zoeken voor het dossier').fill('Łukasz')
    await page.getByRole('list', { name: 'Gevonden leerlingen' }).getByRole('button').first().click()
    const who = page.getByLabel('Wie vroeg het dossier')
    await who.waitFor()
    const guardian = (await who.locator('option').first().innerText()).replace(/ \(.*\)$/, '')
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: /^Dossier .* \(PDF, om te lezen\) downloaden$/ }).click()
    const text = (await pdfPages(await downloaded(await download))).join('\n').replace(/\s+/g, ' ')
    expect(text).toContain(`Antwoord op een verzoek om inzage (AVG artikel 15) voor ${guardian}`)
    expect(text).toContain('Uw rechten')
    expect(app.pageErrors).toEqual([])
  })

  it('Instellingen: a logo that is not a PNG or JPG is refused at upload; a chosen PNG is shown, a dropped one replaces it; no call carries the file', async () => {
    const { page } = app
    const calls: string[] = []
    const watch = (r: { url: () => string; postData: () => string | null }): void => {
      if (r.url().endsWith('/api')) calls.push(r.postData() ?? '')
    }
    page.on('request', watch)
    await sidebar(page).getByRole('link', { name: 'Instellingen' }).click()
    await page.getByRole('heading', { name: 'Formulieren en lijsten' }).waitFor()
    await page.getByLabel('Logo kiezen').setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1') })
    await page.getByRole('alert').filter({ hasText: 'logo.gif is geen PNG- of JPG-afbeelding.' }).waitFor()
    // A photo-like logo of about 140 KB: as base64 it could never fit in a 10 KB call.
    const photo = await sharp({ create: { width: 240, height: 200, channels: 3, background: '#1f5f7a', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer()
    expect(photo.length).toBeGreaterThan(100_000)
    await page.getByLabel('Logo kiezen').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: photo })
    await page.getByRole('img', { name: 'Logo van de school' }).waitFor()
    await page.getByRole('status').filter({ hasText: 'Logo opgeslagen' }).waitFor()
    expect(await app.harness.core.dispatch('documents.settings', {})).toMatchObject({ ok: true, value: { logo: { mimeType: 'image/png', size: photo.length } } })
    // Dropped on the logo's field: the same as choosing it.
    const small = makePng(60, 30)
    const dataTransfer = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob('${small.toString('base64')}'), (c) => c.charCodeAt(0))
      const dt = new DataTransfer()
      dt.items.add(new File([bytes], 'klein-logo.png', { type: 'image/png' }))
      return dt
    })()`)
    await page.getByRole('group', { name: 'Logo van de school' }).dispatchEvent('drop', { dataTransfer })
    await expect.poll(async () => ((await app.harness.core.dispatch('documents.settings', {})) as { value: { logo: { size: number } } }).value.logo.size).toBe(small.length)
    await page
      .getByRole('group', { name: 'Logo van de school' })
      .screenshot({ path: 'test-results/logo-gekozen.png' })
      .catch(() => undefined)
    page.off('request', watch)
    const saves = calls.filter((c) => c.includes('"documents.saveSettings"'))
    expect(saves).toHaveLength(3)
    expect(saves.every((c) => c.length < 10_000 && !c.includes('"data"') && /"logo":\{"token":"f-/.test(c))).toBe(true)
    await page.getByLabel('Inleiding op het toestemmingsformulier').fill('Beste ouders van De Linde,\nGraag voor 1 december terug.')
    await page.getByLabel('E-mailadres voor ouders').fill('info@delinde.nl')
    await page.getByLabel('Functionaris voor de gegevensbescherming').fill('Mw. J. de Boer, fg@stichting.nl')
    await page.getByRole('button', { name: 'Tekst en contact bewaren' }).click()
    await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor()
    expect(await app.harness.core.dispatch('documents.settings', {})).toMatchObject({
      ok: true,
      value: { formIntro: 'Beste ouders van De Linde,\nGraag voor 1 december terug.', logo: { mimeType: 'image/png' }, schoolEmail: 'info@delinde.nl', privacyOfficer: 'Mw. J. de Boer, fg@stichting.nl', schoolPhone: '' },
    })
  })
})
