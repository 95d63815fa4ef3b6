import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'

describe.skipIf(!browserTestsEnabled('form errors'))('messages that belong to no field of the form', () => {
  let browser: Browser
  let app: AppSession

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openApp(browser)
    await app.page.getByLabel('Naam van de school').fill('OBS De Linde')
    await app.page.getByRole('button', { name: 'Lege school starten' }).click()
    await app.page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('a new pupil without a staff name set says to fill in the name at Instellingen, and saves nothing', async () => {
    const { page } = app
    await page.getByRole('link', { name: 'Nieuwe leerling' }).click()
    await page.getByLabel('Roepnaam').fill('Zoë')
    await page.getByLabel('Achternaam').fill('Berg')
    await page.getByRole('button', { name: 'Leerling toevoegen' }).click()
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Vul eerst uw naam in bij Instellingen')
    expect(await app.harness.core.dispatch('pupils.list', {})).toEqual({ ok: true, value: [] })
    expect(app.pageErrors).toEqual([])
  })
})
