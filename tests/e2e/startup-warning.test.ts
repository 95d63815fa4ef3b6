// A database in a OneDrive folder: the app opens it, works, and says so in a banner at the top.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'

describe.skipIf(!browserTestsEnabled('start-up warning'))('a database in a sync folder', () => {
  let browser: Browser
  let app: AppSession
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tr-e2e-onedrive-'))
    const folder = join(dir, 'OneDrive - Stichting X', 'Administratie')
    mkdirSync(folder, { recursive: true })
    browser = await launchBrowser()
    app = await openApp(browser, { dbPath: join(folder, 'school.sqlite') })
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows the warning with the way to a safe copy, and the app works on', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Demoschool openen' }).click()
    await page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    const banner = page.locator('.startup-warning')
    expect(await banner.getAttribute('role')).toBe('alert')
    const text = await banner.innerText()
    expect(text).toContain('De database staat in een map die OneDrive synchroniseert')
    expect(text).toContain('Er is niets verloren en u kunt gewoon doorwerken.')
    await banner.getByRole('link', { name: 'Naar de reservekopieën' }).click()
    await page.getByRole('heading', { name: 'Reservekopieën', level: 1 }).waitFor()
    await page.getByRole('button', { name: 'Hele database opslaan als…' }).waitFor()
    expect(app.pageErrors).toEqual([])
  })
})
