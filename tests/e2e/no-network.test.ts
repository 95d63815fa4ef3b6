import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'

describe.skipIf(!browserTestsEnabled('no network'))('the app makes no request off the machine', () => {
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

  it('sends every request of a full tour to its own origin', async () => {
    const { page, harness } = app
    const requests: string[] = []
    page.on('request', (r) => requests.push(r.url()))
    await page.reload()
    await page.getByRole('button', { name: 'Demoschool openen' }).click()
    await page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' })
    for (const name of await nav.getByRole('link').allInnerTexts()) {
      await nav.getByRole('link', { name, exact: true }).click()
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await page.waitForLoadState('networkidle')
    }
    await page.goto(`${harness.url}/#/groep/1`)
    await page.getByRole('heading', { name: 'Groep 1/2a' }).waitFor()
    await page.locator('table.matrix a').first().click()
    const tabs = page.getByRole('navigation', { name: 'Onderdelen van de leerling' })
    for (const name of await tabs.getByRole('link').allInnerTexts()) {
      await tabs.getByRole('link', { name, exact: true }).click()
      await page.waitForLoadState('networkidle')
    }
    await page.keyboard.press('Control+K')
    await page.keyboard.type('berg')
    await page.getByRole('option').first().waitFor()

    expect(requests.length).toBeGreaterThan(20)
    const elsewhere = requests.filter((url) => !url.startsWith(`${harness.url}/`) && !url.startsWith('data:') && !url.startsWith('blob:'))
    expect(elsewhere).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
