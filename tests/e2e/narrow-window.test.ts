// The app in a narrow window, as the office often has it: half a 1920 px screen beside the mail (960 px), or a small
// laptop at 125 % (1024 x 614), the smallest window zoomed in (768). Nothing runs off the side, the pupil list shows the names, the form code is read on
// one line and the print choices show their whole titles.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' })

/** How many of the drawn rows of the pupil list show the whole name, of how many. */
const wholeNames = (page: Page): Promise<[number, number]> =>
  page.locator('table.virtual-table tbody tr:not(.virtual-spacer) td:first-child').evaluateAll((tds) => [tds.filter((td) => td.scrollWidth <= td.clientWidth).length, tds.length] as [number, number])

/**
 * What runs off the side of the window or of the page's own scrolling area (the menu and search bar stay put): the
 * elements reaching past its right edge, none when all fits. A table that scrolls inside its own box is not counted.
 */
const offTheSide = (page: Page): Promise<string[]> =>
  page.evaluate(`(() => {
    const area = document.querySelector('.content')
    if (!area || area.scrollWidth <= area.clientWidth) return document.documentElement.scrollWidth <= innerWidth ? [] : ['the window']
    const right = area.getBoundingClientRect().right
    return [...area.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > right + 1).slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': ' + (e.textContent ?? '').slice(0, 40))
  })()`)

describe.skipIf(!browserTestsEnabled('narrow window'))('a narrow window', () => {
  const app = demoAppForSuite()

  // The pupil list's columns at each size: below 900 px only name, group and consent.
  for (const [width, height, columns] of [
    [960, 1000, 5],
    [1024, 614, 5],
    // The smallest window (960 px) zoomed to 125 %.
    [768, 700, 3],
  ] as const) {
    it(`at ${width} x ${height}: every menu page fits the width, the pupil list shows whole names, the form code and print titles are whole`, async () => {
      const { page } = app
      await page.setViewportSize({ width, height })
      for (const link of await menu(page).getByRole('link').all()) {
        const name = (await link.innerText()).trim()
        await link.click()
        await page.getByRole('heading', { level: 1 }).first().waitFor()
        // Measured once the page has its lists (a table that comes after the heading can be the one that runs off).
        await page.waitForLoadState('networkidle')
        expect(await offTheSide(page), name).toEqual([])
      }

      await menu(page).getByRole('link', { name: 'Leerlingen' }).click()
      await page.locator('table.virtual-table tbody tr:not(.virtual-spacer)').first().waitFor()
      const [whole, drawn] = await wholeNames(page)
      expect(drawn).toBeGreaterThan(5)
      // Long ones ('Berg, Yasmin van der') may end in '…' at 960; most names are whole.
      expect(whole / drawn).toBeGreaterThanOrEqual(0.8)
      expect(await page.locator('table.virtual-table thead th').allInnerTexts()).toHaveLength(columns)
      // Whatever columns are left out, the birth date and number show on the name.
      expect(await page.locator('table.virtual-table tbody a.row-link').first().getAttribute('title')).toMatch(/ · geboren \d\d-\d\d-\d{4} · nr\. \d+$/)

      await page.locator('table.virtual-table tbody a.row-link').first().click()
      const code = page.locator('.form-code strong')
      await code.waitFor()
      // One box per line of text: the code read off the screen in one go, not 'TR-' and the rest below it.
      const lines = await code.evaluate((el) => {
        const range = el.ownerDocument.createRange()
        range.selectNodeContents(el)
        return range.getClientRects().length
      })
      expect(lines).toBe(1)

      // Every tab of the pupil's page fits too (the consent grid's choices were cut off at the right).
      for (const tab of await page.getByRole('tab').all()) {
        await tab.click()
        await page.waitForLoadState('networkidle')
        expect(await offTheSide(page), await tab.innerText()).toEqual([])
      }

      await menu(page).getByRole('link', { name: 'Afdrukken' }).click()
      const kinds = page.locator('.print-kinds > *')
      await kinds.first().waitFor()
      const cut = await kinds.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent))
      expect(cut).toEqual([])
      expect(app.pageErrors).toEqual([])
    })
  }
})
