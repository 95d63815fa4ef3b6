// Big steps ask in the app's own dialog, in numbers and names, never the browser's confirm:
// restoring a backup and leaving the demo school. 'Annuleren' changes nothing.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, launchBrowser, openDemoApp, type AppSession } from '../helpers/browser.ts'

describe.skipIf(!browserTestsEnabled('confirm dialogs'))('confirmation dialogs of big steps', () => {
  let browser: Browser
  let app: AppSession
  const nativeDialogs: string[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openDemoApp(browser, { now: () => new Date('2026-11-22T09:00:00Z') })
    app.page.on('dialog', (d) => {
      nativeDialogs.push(d.message())
      void d.dismiss()
    })
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('restoring a backup says which moment comes back and what is lost; cancel keeps the register', async () => {
    const { page } = app
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Reservekopieën' }).click()
    await page.getByRole('button', { name: 'Nu een reservekopie maken' }).click()
    await page.getByRole('status').filter({ hasText: 'Reservekopie gemaakt.' }).waitFor()
    await page.getByRole('button', { name: 'Terugzetten', exact: true }).first().click()
    const dialog = page.getByRole('dialog')
    expect(await dialog.getByRole('heading').innerText()).toMatch(/^Terugzetten naar 22-11-2026/)
    expect(await dialog.innerText()).toContain('staat dan niet meer in het register')
    expect(await dialog.innerText()).toContain('De huidige stand wordt eerst zelf als reservekopie bewaard')
    await page.screenshot({ path: 'out/screenshots/confirm-restore.png' })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByText(/is teruggezet/).count()).toBe(0)
    expect(nativeDialogs).toEqual([])
  })

  it('leaving the demo school says how many pupils and groups go; cancel keeps them, confirm starts empty', async () => {
    const { page } = app
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click()
    await page.getByRole('button', { name: 'Demoschool verwijderen en opnieuw beginnen' }).click()
    const dialog = page.getByRole('dialog')
    expect(await dialog.innerText()).toContain('De demoschool wordt gewist: 160 verzonnen leerlingen met hun ouders, toestemmingen en dossiers, en 8 groepen.')
    await dialog.getByRole('button', { name: 'Annuleren' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await page.locator('.brand-demo').count()).toBe(1)
    await page.getByRole('button', { name: 'Demoschool verwijderen en opnieuw beginnen' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Demoschool verwijderen' }).click()
    await page.getByRole('button', { name: 'Demoschool openen' }).waitFor()
    expect(nativeDialogs).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
