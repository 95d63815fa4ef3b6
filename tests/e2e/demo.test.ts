import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../electron/core/db/open.ts'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' })
const main = (page: Page) => page.getByRole('main')
const rows = (page: Page) => main(page).locator('table tbody tr:not([aria-hidden])')
const filterBox = (page: Page) => main(page).getByRole('searchbox', { name: 'Filter de lijst' })

/** The number of pupils the long (virtualised) list says it holds, from its aria-rowcount (minus the header row). */
const listed = async (page: Page): Promise<number> => Number(await main(page).locator('table[aria-rowcount]').getAttribute('aria-rowcount')) - 1

/** The first column of every row of the long list, scrolled through from top to bottom as a user would, in screen order. */
async function scrolledColumn(page: Page): Promise<string[]> {
  const box = main(page).locator('.virtual-scroll')
  const seen = new Map<number, string>()
  await box.evaluate((el) => el.scrollTo(0, 0))
  for (let step = 0; step < 200; step++) {
    const batch = await rows(page).evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute('aria-rowindex')), tr.children[0]?.textContent ?? ''] as const))
    for (const [i, text] of batch) seen.set(i, text)
    const atEnd = await box.evaluate((el) => {
      const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1
      el.scrollBy(0, el.clientHeight * 0.8)
      return end
    })
    if (atEnd) break
    await page.waitForTimeout(30)
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text)
}

/** The texts of one column of the page's table, in screen order. */
const column = (page: Page, index: number): Promise<string[]> => rows(page).evaluateAll((trs, i) => trs.map((tr) => tr.children[i]?.textContent ?? ''), index)

describe.skipIf(!browserTestsEnabled('demo school'))('the demo school in the browser', () => {
  let browser: Browser
  let app: AppSession

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openApp(browser)
    await app.page.getByRole('heading', { name: 'Welkom bij Toestemmingsregister' }).waitFor()
    await app.page.getByRole('button', { name: 'Demoschool openen' }).click()
    await sidebar(app.page).waitFor()
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('lists about 160 pupils, Dutch names with diacritics intact, and finds Zoë by typing zoe', async () => {
    const { page } = app
    await page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    await rows(page).first().waitFor()
    const total = await listed(page)
    expect(total).toBeGreaterThanOrEqual(150)
    expect(total).toBeLessThanOrEqual(170)
    expect(await main(page).getByRole('status').innerText()).toBe(`${total} leerlingen`)

    const names = await scrolledColumn(page)
    expect(names).toHaveLength(total)
    const accented = names.filter((n) => /[^ -~]/.test(n))
    expect(accented.length).toBeGreaterThan(10)
    // Characters from several scripts' ranges, as the generator wrote them (no mojibake, NFC).
    for (const part of ['Zoë', 'Yılmaz', 'Nguyễn']) {
      expect(
        names.some((n) => n.includes(part)),
        part,
      ).toBe(true)
    }
    expect(names.every((n) => n === n.normalize('NFC') && !n.includes('Ã') && !n.includes('\ufffd'))).toBe(true)
    // Dutch order: by last name, the tussenvoegsel after the given name ('Berg, Sanne van der').
    expect(names.some((n) => /^Berg, \S+ van der$/.test(n))).toBe(true)

    await filterBox(page).fill('zoe')
    await expect.poll(() => listed(page)).toBeLessThan(total)
    const found = await column(page, 0)
    expect(found.length).toBeGreaterThan(0)
    expect(found.every((n) => n.includes('Zoë'))).toBe(true)
    expect(found.length).toBe(names.filter((n) => n.includes('Zoë')).length)
    expect(await main(page).getByRole('status').innerText()).toBe(`${found.length} van ${total} leerlingen`)

    await filterBox(page).fill('xyzzy')
    await main(page).getByText('Geen leerling gevonden met xyzzy.').waitFor()
    expect(await rows(page).count()).toBe(0)
    await filterBox(page).fill('')
    await expect.poll(() => listed(page)).toBe(total)
    expect(app.pageErrors).toEqual([])
  })

  it('lists the 8 groups with their pupil counts', async () => {
    const { page } = app
    await sidebar(page).getByRole('link', { name: 'Groepen' }).click()
    await page.getByRole('heading', { name: 'Groepen', level: 1 }).waitFor()
    await rows(page).first().waitFor()
    expect(await column(page, 0)).toEqual(['1/2a', '1/2b', '3', '4', '5', '6', '7', '8'])
    const counts = (await column(page, 2)).map((c) => Number(c))
    expect(counts.every((c) => Number.isInteger(c) && c > 0)).toBe(true)
    const sum = counts.reduce((a, b) => a + b, 0)
    const db = openDatabase(app.harness.core.info.dbPath, { readonly: true }) // the harness's core runs in its worker
    const { n } = db.prepare(`SELECT count(*) AS n FROM group_memberships`).get() as { n: number }
    db.close()
    expect(sum).toBe(n)
    expect(await main(page).locator('table tfoot').innerText()).toMatch(new RegExp(`^Totaal 8 groepen\\s+${sum}\\s*$`))
    expect(app.pageErrors).toEqual([])
  })
})
