import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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

  it('previews the rollover of the demo school, refuses two groups into one, then applies it', async () => {
    const { page } = app
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.accept()
    })
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('link', { name: 'Nieuw schooljaar' }).click()
    await page.getByRole('heading', { name: 'Van 2026-2027 naar 2027-2028' }).waitFor()
    expect(await page.getByLabel('Groep 1/2a gaat naar').inputValue()).toBe('3a')
    expect(await page.getByLabel('Groep 8 verlaat de school').isChecked()).toBe(true)

    await page.getByLabel('Groep 1/2b gaat naar').fill('3a')
    await page.getByRole('button', { name: 'Overgaan naar 2027-2028' }).click()
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('allebei naar groep 3a')
    expect(await page.locator('.brand-year').innerText()).toBe('Schooljaar 2026-2027')

    await page.getByLabel('Groep 1/2b gaat naar').fill('3b')
    await page.getByLabel('Leerkracht van 4').fill('Juf Noor')
    await page.getByRole('button', { name: 'Overgaan naar 2027-2028' }).click()
    await page.getByRole('status').filter({ hasText: 'Schooljaar 2027-2028 is begonnen' }).waitFor()
    expect(await page.getByRole('status').innerText()).toContain('140 leerlingen zijn overgegaan, 20 hebben de school verlaten')
    expect(dialogs[0]).toContain('140 leerlingen gaan naar hun nieuwe groep; 20 leerlingen verlaten de school op 31-07-2027')
    expect(await page.locator('.brand-year').innerText()).toBe('Schooljaar 2027-2028')

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Groepen' }).click()
    const names = page.locator('table.groups-overview tbody tr td:first-child')
    await names.first().waitFor()
    expect(await names.allInnerTexts()).toEqual(['3a', '3b', '4', '5', '6', '7', '8'])
    expect(await page.locator('table.groups-overview tbody tr', { hasText: 'Juf Noor' }).locator('td').first().innerText()).toBe('4')
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
