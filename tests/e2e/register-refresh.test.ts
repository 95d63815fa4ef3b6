// Every screen shows the register as it is now, without a manual reload: a change made by
// another window (the sidebar's school year) and a restored backup (the year goes back).
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' })

describe.skipIf(!browserTestsEnabled('register refresh'))('screens follow the register', () => {
  const app = demoAppForSuite()

  it("after another window changes the school year, and after a restore, the sidebar shows the register's year", async () => {
    const { page, harness } = app
    // A mark on the page that a reload would wipe.
    await page.evaluate('window.notReloaded = true')
    const year = (await sidebar(page).locator('.brand-year').innerText()).trim()
    expect(year).toBe('Schooljaar 2026-2027')
    expect((await harness.core.dispatch('backups.create', {})).ok).toBe(true)

    // Another window (or the terminal) moves the register to the next school year.
    expect((await harness.core.dispatch('settings.update', { schoolYear: '2027-2028' })).ok).toBe(true)
    await expect.poll(() => sidebar(page).locator('.brand-year').innerText(), { timeout: 8_000 }).toBe('Schooljaar 2027-2028')

    // The backup made before it goes back: the sidebar follows at once.
    await sidebar(page).getByRole('link', { name: 'Reservekopieën' }).click()
    await page.locator('tbody tr', { hasText: 'Met de hand' }).first().getByRole('button', { name: 'Terugzetten' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Terugzetten' }).click()
    await page.getByRole('status').filter({ hasText: 'is teruggezet' }).waitFor()
    await expect.poll(() => sidebar(page).locator('.brand-year').innerText(), { timeout: 2_000 }).toBe('Schooljaar 2026-2027')
    expect(await page.evaluate('window.notReloaded === true')).toBe(true)
    expect(app.pageErrors).toEqual([])
  })
})
