// First start in an empty school: the welcome asks for the school's name and the user's own name
// (both missing are said at once, at their fields, and nothing is set up), and the first save
// then works and is recorded under that name.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditPage } from '../../shared/audit.contract.ts'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'

describe.skipIf(!browserTestsEnabled('form errors'))('the first start of an empty school', () => {
  let browser: Browser
  let app: AppSession

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openApp(browser)
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('the welcome says in three lines what the app does and asks both names; the first pupil then saves under the staff name', async () => {
    const { page } = app
    await page.getByRole('heading', { name: 'Welkom bij Toestemmingsregister' }).waitFor()
    expect(await page.locator('.welcome-lines li').count()).toBe(3)
    await page.getByRole('button', { name: 'Lege school starten' }).click()
    const alerts = page.getByRole('alert')
    await expect.poll(() => alerts.count()).toBe(2)
    expect(
      await page
        .locator('.field', { has: page.locator('input[name="staffName"]') })
        .getByRole('alert')
        .innerText(),
    ).toContain('Vul uw eigen naam in')
    expect(await app.harness.core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { setupDone: false } })

    await page.getByLabel('Naam van de school').fill('OBS De Linde')
    await page.getByLabel('Uw naam').fill('Ans de Wit')
    await page.getByRole('button', { name: 'Lege school starten' }).click()
    await page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    expect(await page.getByText('Vul uw naam in bij Instellingen').count()).toBe(0)

    await page.getByRole('link', { name: 'Nieuwe leerling' }).click()
    await page.getByLabel('Roepnaam').fill('Zoë')
    await page.getByLabel('Achternaam').fill('Berg')
    await page.getByRole('button', { name: 'Leerling toevoegen' }).click()
    await page.getByRole('heading', { name: 'Zoë Berg', level: 1 }).waitFor()
    const log = await app.harness.core.dispatch('audit.page', { kind: 'pupil' })
    expect(log.ok && (log.value as AuditPage).lines.map((l) => [l.actor, l.sentence])).toEqual([['Ans de Wit', 'Leerling Zoë Berg toegevoegd.']])
    expect(app.pageErrors).toEqual([])
  })
})
