import { readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ok } from '../helpers/register.ts'
import { browserTestsEnabled, launchBrowser, openDemoApp, type AppSession } from '../helpers/browser.ts'

describe.skipIf(!browserTestsEnabled('school year'))('moving to a new school year', () => {
  let browser: Browser
  let app: AppSession

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openDemoApp(browser, { now: () => new Date('2027-07-15T09:00:00Z') })
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('rolls the demo school over per pupil: the kleutergroepen split, one repeats, groep 8 leaves; a year level without a group is refused first', async () => {
    const { page } = app
    const core = app.harness.core
    const preview = { value: await ok(core, 'schoolyear.rolloverPreview', {}) }
    const unique = (group: string, level: number) => {
      const p = preview.value.pupils.find((x) => x.groupName === group && x.yearLevel === level && preview.value.pupils.filter((y) => y.name === x.name).length === 1)
      if (!p) throw new Error(`no pupil in ${group}`)
      return p
    }
    const kleuter = unique('1/2a', 1)
    const oudste = unique('1/2b', 2)
    const derde = unique('3', 3)
    const zitter = unique('6', 6)
    const verlater = unique('8', 8)

    // The kleuter's level was estimated at the migration: the preview says so and lists them apart.
    // (through a connection of its own: the harness's core runs in its worker)
    const side = new Database(core.info.dbPath)
    side.prepare(`UPDATE pupils SET year_level_unsure = 1 WHERE id = ?`).run(kleuter.pupilId)
    side.close()
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('link', { name: 'Nieuw schooljaar' }).click()
    await page.getByRole('heading', { name: 'Van 2026-2027 naar 2027-2028' }).waitFor()
    expect(await page.locator('.form-banner').innerText()).toContain('1 leerling heeft een geschat leerjaar (nagaan)')
    await page.screenshot({ path: 'out/screenshots/rollover-top.png' })
    await page.getByLabel('Toon leerlingen van groep').selectOption('?')
    expect(await page.locator('table.rollover-pupils tbody tr').allInnerTexts()).toEqual([expect.stringContaining(kleuter.name)])
    await page.getByLabel('Toon leerlingen van groep').selectOption('')
    expect(await page.getByLabel('Leerjaren van groep 1/2a').inputValue()).toBe('1/2')
    expect(await page.getByLabel(`Groep volgend jaar voor ${kleuter.name}`).inputValue()).toBe('1/2a')
    expect(await page.getByLabel(`Groep volgend jaar voor ${oudste.name}`).inputValue()).toBe('3')

    // Groep 5 given level 4 instead of 5: level 5 has no group; refused, in Dutch, and the year stays.
    await page.getByLabel('Leerjaren van groep 5').fill('4')
    await page.locator('section.card').last().getByRole('button', { name: 'Overgaan naar 2027-2028' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Overgaan naar 2027-2028' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Leerjaar 5 heeft volgend jaar geen groep')
    expect(await page.locator('.brand-year').innerText()).toBe('Schooljaar 2026-2027')
    await page.getByLabel('Leerjaren van groep 5').fill('5')

    await page.getByLabel(`Volgend jaar voor ${zitter.name}`, { exact: true }).selectOption('repeat')
    expect(await page.getByLabel(`Groep volgend jaar voor ${zitter.name}`).inputValue()).toBe('6')
    await page.getByLabel('Leerkracht van groep 4').fill('Juf Noor')
    await page.screenshot({ path: 'out/screenshots/rollover-preview.png', fullPage: false })
    await page.locator('section.card').last().getByRole('button', { name: 'Overgaan naar 2027-2028' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    const question = await dialog.innerText()
    expect(question).toContain('139 leerlingen gaan naar het volgende leerjaar; 1 blijft zitten, 0 gaat een jaar over.')
    expect(question).toContain('20 leerlingen verlaten de school op 31-07-2027 (Naar het voortgezet onderwijs).')
    expect(question).toContain(`${zitter.name} (groep 6)`)
    expect(question).toContain(`${verlater.name} (groep 8)`)
    expect(question).toContain('4 (leerjaar 4, Juf Noor)')
    await page.screenshot({ path: 'out/screenshots/rollover-confirm.png' })
    await dialog.getByRole('button', { name: 'Overgaan naar 2027-2028' }).click()
    await page.getByRole('status').filter({ hasText: 'Schooljaar 2027-2028 is begonnen' }).waitFor()
    expect(await page.getByRole('status').innerText()).toContain('139 leerlingen zijn overgegaan, 1 blijven zitten, 0 gaan een jaar over, 20 hebben de school verlaten')
    // The menu's year follows the register's change notice (it loads the settings again): soon after the status, not with it.
    await expect.poll(() => page.locator('.brand-year').innerText(), { timeout: 5_000 }).toBe('Schooljaar 2027-2028')

    const where = async (id: number) => {
      const r = await ok(core, 'pupils.get', { id })
      return { group: r.groupName, level: r.yearLevel, leftOn: r.leftOn }
    }
    expect(await where(kleuter.pupilId)).toEqual({ group: '1/2a', level: 2, leftOn: null })
    expect(await where(oudste.pupilId)).toEqual({ group: '3', level: 3, leftOn: null })
    expect(await where(derde.pupilId)).toEqual({ group: '4', level: 4, leftOn: null })
    expect(await where(zitter.pupilId)).toEqual({ group: '6', level: 6, leftOn: null })
    expect(await where(verlater.pupilId)).toEqual({ group: null, level: 8, leftOn: '2027-07-31' })

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Groepen' }).click()
    const names = page.locator('table.groups-overview tbody tr td:first-child')
    await names.first().waitFor()
    expect(await names.allInnerTexts()).toEqual(['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'])
    expect(await page.locator('table.groups-overview tbody tr', { hasText: 'Juf Noor' }).locator('td').first().innerText()).toBe('4')
    expect(app.pageErrors).toEqual([])
  })

  it('enrols a kleuter on an ordinary day and hands over the consent form at once', async () => {
    const { page } = app
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('link', { name: 'Instroom' }).click()
    await page.getByLabel('Roepnaam').fill('Mai')
    await page.getByLabel('Achternaam').fill('Nguyễn')
    await page.getByLabel('Geboortedatum').fill('14-07-2023')
    expect(await page.getByLabel('Groep').locator('option:checked').innerText()).toBe('Groep 1/2a')
    // Clicked twice in a hurry, as at a busy desk: one child enrolled, not two.
    await page.getByRole('button', { name: 'Inschrijven' }).dblclick()
    const done = page.getByRole('status').filter({ hasText: 'Mai Nguyễn is ingeschreven' })
    await done.waitFor()
    expect(await done.innerText()).toContain('In groep 1/2a, leerjaar 1 (nagaan: geschat uit de geboortedatum), vanaf 15-07-2027')
    await page.screenshot({ path: 'out/screenshots/intake.png' })
    const download = page.waitForEvent('download', { timeout: 30_000 })
    await page.getByRole('button', { name: 'Toestemmingsformulier van Mai downloaden' }).click()
    const pdf = readFileSync((await (await download).path()) ?? '')
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')

    // On the pupil's page the office confirms the estimated level; a level the group lacks is refused.
    await page.getByRole('link', { name: 'Ouders/verzorgers toevoegen op de pagina van Mai' }).click()
    const level = page.locator('select[name=yearLevel]')
    await level.waitFor()
    expect(await level.inputValue()).toBe('1')
    await level.selectOption('3')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await expect.poll(() => page.locator('form').first().innerText()).toContain('Groep 1/2a heeft leerjaar 1/2, niet leerjaar 3')
    await level.selectOption('1')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor()
    const found = await ok(app.harness.core, 'pupils.search', { query: 'mai nguyen', limit: 10 })
    expect(found).toHaveLength(1)
    const mai = found[0]
    expect(await ok(app.harness.core, 'pupils.get', { id: mai?.id ?? 0 })).toMatchObject({ yearLevel: 1, yearLevelUnsure: false })
    expect(await page.getByText('Leerjaar nagaan').count()).toBe(0)
    expect(app.pageErrors).toEqual([])
  })

  it('saving one retention period does not put back another that was changed elsewhere while the page was open', async () => {
    const { page } = app
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('link', { name: 'Bewaartermijnen' }).click()
    const contact = page.getByLabel('Termijn Contactgegevens van ouders/verzorgers')
    expect(await contact.inputValue()).toBe('12')
    expect(await page.getByLabel('Termijn Leerlingdossier').inputValue()).toBe('24')
    // Another window lengthens the dossier period; this page still shows 24.
    expect(await app.harness.core.dispatch('retention.setPeriods', { periods: { dossier: 36, pupil: 36 } })).toMatchObject({ ok: true })

    await contact.fill('6')
    await page.getByRole('button', { name: 'Termijnen opslaan' }).click()
    await page.getByRole('status').filter({ hasText: 'Bewaartermijnen opgeslagen.' }).waitFor()
    expect(await app.harness.core.dispatch('retention.overview', {})).toMatchObject({ ok: true, value: { periods: { contact: 6, dossier: 36, consent: 24, pupil: 36 } } })
    expect(await page.getByLabel('Termijn Leerlingdossier').inputValue()).toBe('36')
    expect(app.pageErrors).toEqual([])
  })
})
