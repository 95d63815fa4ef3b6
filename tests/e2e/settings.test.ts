import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'

const field = (page: Page, name: string) => page.locator(`input[name="${name}"]`)
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' })
const main = (page: Page) => page.getByRole('main')

/** First start: the welcome page, then an empty school with this name. */
async function startEmptySchool(page: Page, schoolName: string): Promise<void> {
  await page.getByRole('heading', { name: 'Welkom bij Toestemmingsregister' }).waitFor()
  await page.getByLabel('Naam van de school').fill(schoolName)
  await page.getByLabel('Uw naam').fill('Balie')
  await page.getByRole('button', { name: 'Lege school starten' }).click()
  await sidebar(page).getByText(schoolName, { exact: true }).waitFor()
}

async function openSettings(page: Page): Promise<void> {
  await sidebar(page).getByRole('link', { name: 'Instellingen' }).click()
  await page.getByRole('heading', { name: 'Instellingen', level: 1 }).waitFor()
}

describe.skipIf(!browserTestsEnabled('settings'))('settings in the browser', () => {
  let browser: Browser
  let session: AppSession | undefined
  const start = async (): Promise<AppSession> => (session = await openApp(browser))

  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  afterEach(async () => {
    await session?.close()
    session = undefined
  })

  it('saves the school and staff name into the database file, and keeps them after a reload', async () => {
    const app = await start()
    const { page } = app
    await startEmptySchool(page, 'OBS De Linde')
    await openSettings(page)
    expect(await field(page, 'schoolName').inputValue()).toBe('OBS De Linde')

    await field(page, 'schoolName').fill('Basisschool Het Kompas')
    await field(page, 'staffName').fill('Ans de Wit')
    expect(await main(page).getByRole('status').count()).toBe(0)
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await main(page).getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor()
    await sidebar(page).getByText('Basisschool Het Kompas', { exact: true }).waitFor()

    await page.reload()
    await page.getByRole('heading', { name: 'Instellingen', level: 1 }).waitFor()
    expect(await field(page, 'schoolName').inputValue()).toBe('Basisschool Het Kompas')
    expect(await field(page, 'staffName').inputValue()).toBe('Ans de Wit')
    expect(await sidebar(page).innerText()).toContain('Basisschool Het Kompas')
    expect(await sidebar(page).innerText()).not.toContain('OBS De Linde')
    expect(app.pageErrors).toEqual([])

    // The data is really in the file: read it back with the harness (and its connection) gone.
    await app.stopHarness()
    const db = new Database(app.dbPath, { readonly: true, fileMustExist: true })
    try {
      const rows = db.prepare(`SELECT key, value FROM school_settings WHERE key IN ('schoolName', 'staffName') ORDER BY key`).all()
      expect(rows).toEqual([
        { key: 'schoolName', value: 'Basisschool Het Kompas' },
        { key: 'staffName', value: 'Ans de Wit' },
      ])
    } finally {
      db.close()
    }
  })

  it('a school year changed elsewhere while the page is open is not put back when the staff name is saved', async () => {
    const app = await start()
    const { page } = app
    await startEmptySchool(page, 'OBS De Linde')
    await openSettings(page)
    const shown = await field(page, 'schoolYear').inputValue()
    const next = `${Number(shown.slice(0, 4)) + 1}-${Number(shown.slice(0, 4)) + 2}`
    // Another window (or the CLI) moves the school on to next year; this page still shows the old one.
    expect(await app.harness.core.dispatch('settings.update', { schoolYear: next })).toMatchObject({ ok: true })

    await field(page, 'staffName').fill('Ans de Wit')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await main(page).getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor()
    expect(await app.harness.core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolYear: next, staffName: 'Ans de Wit', schoolName: 'OBS De Linde' } })
    // The form now shows what is stored, so a second save does not put the old year back either.
    expect(await field(page, 'schoolYear').inputValue()).toBe(next)
    await field(page, 'schoolName').fill('Basisschool Het Kompas')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await sidebar(page).getByText('Basisschool Het Kompas', { exact: true }).waitFor()
    expect(await app.harness.core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolYear: next, schoolName: 'Basisschool Het Kompas' } })
    expect(app.pageErrors).toEqual([])
  })

  it('refuses a school year of three years with a Dutch message at the field, and saves nothing', async () => {
    const app = await start()
    const { page } = app
    await startEmptySchool(page, 'OBS De Linde')
    await openSettings(page)
    const oldYear = await field(page, 'schoolYear').inputValue()
    expect(oldYear).toMatch(/^(\d{4})-(\d{4})$/)

    await field(page, 'schoolName').fill('Een andere naam')
    await field(page, 'schoolYear').fill('2026-2028')
    await page.getByRole('button', { name: 'Opslaan' }).click()

    const yearField = page.locator('label.field', { has: field(page, 'schoolYear') })
    const message = yearField.getByRole('alert')
    await message.waitFor()
    expect(await message.innerText()).toBe('Een schooljaar loopt over twee opeenvolgende jaren, bijvoorbeeld 2026-2027.')
    expect(await field(page, 'schoolYear').getAttribute('aria-invalid')).toBe('true')
    // It stands out from the grey hints under the other fields.
    const color = (l: ReturnType<Page['locator']>) => l.evaluate((e) => e.ownerDocument.defaultView.getComputedStyle(e).color)
    const hint = page.locator('label.field', { has: field(page, 'staffName') }).locator('small')
    expect(await color(message)).not.toBe(await color(hint))
    expect(await main(page).getByText('Opgeslagen').count()).toBe(0)
    expect(await sidebar(page).innerText()).toContain('OBS De Linde')

    await page.reload()
    await page.getByRole('heading', { name: 'Instellingen', level: 1 }).waitFor()
    expect(await field(page, 'schoolYear').inputValue()).toBe(oldYear)
    expect(await field(page, 'schoolName').inputValue()).toBe('OBS De Linde')
    expect(await sidebar(page).innerText()).toContain(`Schooljaar ${oldYear}`)
    expect(await main(page).getByRole('alert').count()).toBe(0)
    expect(app.pageErrors).toEqual([])
  })
})
