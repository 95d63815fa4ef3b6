// A foundation's register of 10,000 pupils in Chromium: the pupil list draws only the rows in
// view, announces how many there are, scrolls with the keyboard to the very last pupil, filters
// in the core; Geen toestemming for the whole school opens with every purpose's count.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sortName } from '../../shared/domain.ts'
import { makeFoundationRegister } from '../helpers/bench-data.ts'
import { NOW } from '../helpers/bench-files.ts'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'
import { ok } from '../helpers/register.ts'

/** Elements on the whole page: the list must stay far below what 10,000 drawn rows would make (about 90,000). */
const domNodes = (app: AppSession): Promise<number> => app.page.evaluate<number>("document.getElementsByTagName('*').length")

describe.skipIf(!browserTestsEnabled('long lists'))('10,000 pupils on screen', () => {
  let browser: Browser
  let app: AppSession
  let dir: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tr-long-lists-'))
    const dbPath = join(dir, 'register.sqlite')
    await makeFoundationRegister(dbPath)
    browser = await launchBrowser()
    app = await openApp(browser, { dbPath, now: () => NOW })
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('scrolls the pupil list with the keyboard to the last pupil, with the count announced and few rows in the page', async () => {
    const { page } = app
    const all = (await ok(app.harness.core, 'pupils.filter', {})).pupils
    expect(all).toHaveLength(10_000)
    const last = all.at(-1)
    if (!last) throw new Error('no pupils')
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Leerlingen', exact: true }).click()
    await page.getByRole('status').filter({ hasText: '10.000 leerlingen' }).waitFor()
    const table = page.getByRole('table', { name: 'Leerlingen' })
    expect(await table.getAttribute('aria-rowcount')).toBe('10001') // the header row and 10,000 pupils
    expect(await table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(80)
    expect(await domNodes(app)).toBeLessThan(2000)

    await page.getByRole('region', { name: 'Leerlingen' }).focus()
    await page.keyboard.press('End')
    const lastLink = page.locator(`a[href="#/leerling/${last.id}"]`) // names repeat in a foundation: the link of that pupil
    await lastLink.waitFor({ timeout: 10_000 })
    expect(await lastLink.isVisible()).toBe(true)
    expect(await lastLink.innerText()).toBe(sortName(last))
    expect(await page.locator('tr', { has: lastLink }).getAttribute('aria-rowindex')).toBe('10001')
    expect(await table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(80)
    expect(await domNodes(app)).toBeLessThan(2000)
  }, 60_000)

  it('filters in the core: one pupil by student number, the count says of how many', async () => {
    const { page } = app
    const pupil = (await ok(app.harness.core, 'pupils.filter', {})).pupils[4321]
    if (!pupil?.studentNumber) throw new Error('no student number')
    await page.getByLabel('Filter de lijst').fill(pupil.studentNumber)
    await page.getByRole('status').filter({ hasText: '1 van 10.000 leerlingen' }).waitFor()
    expect(await page.getByRole('table', { name: 'Leerlingen' }).locator('tbody tr[aria-rowindex]').allInnerTexts()).toEqual([expect.stringContaining(sortName(pupil))])
    await page.getByLabel('Filter de lijst').fill('')
    await page
      .getByRole('status')
      .filter({ hasText: /^10\.000 leerlingen$/ })
      .waitFor()
  }, 30_000)

  it('opens Geen toestemming for the whole school with each purpose counted, drawing only rows in view', async () => {
    const { page } = app
    const list = await ok(app.harness.core, 'consent.noConsentList', {})
    const website = list.purposes.find((p) => p.code === 'website')
    if (!website) throw new Error('no website purpose')
    const count = list.rows.filter((r) => r.purposeId === website.id).length
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Geen toestemming' }).click()
    const section = page.locator('.purpose-list', { hasText: website.label })
    await section.locator('h2', { hasText: `${count.toLocaleString('nl-NL')} leerlingen` }).waitFor({ timeout: 15_000 })
    expect(await section.getByRole('table').getAttribute('aria-rowcount')).toBe(String(count + 1))
    expect(await domNodes(app)).toBeLessThan(4000)
  }, 45_000)
})
