// Every page of the tour checked by axe-core in the real renderer: no violation of serious or
// critical impact. Also the skip link and the keyboard on the pupil's tabs.
import type { PupilSummary } from '../../shared/domain.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { browserTestsEnabled, launchBrowser, openApp, pressWithinOneFrame, type AppSession } from '../helpers/browser.ts'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

describe.skipIf(!browserTestsEnabled('accessibility'))('accessibility of every page', () => {
  let browser: Browser
  let app: AppSession

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openApp(browser, { bypassCsp: true })
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it('axe finds no serious or critical violation on the welcome, every menu page, a group and every tab of a pupil', async () => {
    const { page, harness } = app
    const found: Record<string, string[]> = {}
    const check = async (name: string) => {
      await page.waitForLoadState('networkidle')
      const v = await seriousViolations(page)
      if (v.length) found[name] = v
    }
    await page.getByRole('heading', { name: 'Welkom bij Toestemmingsregister' }).waitFor()
    await check('welkom')
    await page.getByRole('button', { name: 'Demoschool openen' }).click()
    await page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    const menu = page.getByRole('navigation', { name: 'Hoofdmenu' })
    for (const link of await menu.getByRole('link').allInnerTexts()) {
      await menu.getByRole('link', { name: link.trim(), exact: true }).click()
      await page.getByRole('heading', { level: 1 }).first().waitFor()
      await check(link.trim())
    }
    const groups = await harness.core.dispatch('groups.list', {})
    const group = groups.ok ? (groups.value as { id: number }[])[0] : undefined
    await page.evaluate(`location.hash = '#/groep/${group?.id}'`)
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    await check('groep')
    const pupils = await harness.core.dispatch('pupils.list', {})
    const pupil = pupils.ok ? (pupils.value as PupilSummary[])[0] : undefined
    for (const tab of ['toestemming', 'gegevens', 'geschiedenis', 'dossier', 'logboek']) {
      await page.evaluate(`location.hash = '#/leerling/${pupil?.id}/${tab}'`)
      await page.getByRole('tab', { selected: true }).waitFor()
      await check(`leerling/${tab}`)
    }
    expect(found).toEqual({})
  })

  it('the skip link takes focus to the page, and arrow keys move between the pupil tabs', async () => {
    const { page } = app
    await page.getByRole('tab', { name: 'Toestemming', exact: true }).click()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('Gegevens en ouders')
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe('Gegevens en ouders')
    await page.keyboard.press('End')
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('Logboek')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe('Toestemming')
    // Two arrows faster than a frame (one task): each moves on one tab, from the tab the one before reached.
    const tabs = await page.getByRole('tab').allInnerTexts()
    await pressWithinOneFrame(page, ['ArrowRight', 'ArrowRight'])
    await expect.poll(() => page.getByRole('tab', { selected: true }).innerText()).toBe(tabs[2])
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe(tabs[2])

    // The scan is chosen from the keyboard too: the Dutch file button is a Tab stop, Enter opens the dialog.
    await page.getByRole('tab', { name: 'Toestemming', exact: true }).click()
    const chooser = page.waitForEvent('filechooser')
    await page.locator('.record-panel').getByRole('button', { name: 'Bestand kiezen…' }).focus()
    await page.keyboard.press('Enter')
    await (await chooser).setFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') })
    // The file goes to the program first (in the harness: uploaded once); then its name shows.
    await expect.poll(() => page.locator('.record-panel .file-names').innerText()).toBe('scan.pdf')

    // On a fresh page (the list of pupils: no field takes focus by itself) the first Tab is the skip link.
    await page.evaluate("location.hash = '#/leerlingen'")
    await page.reload()
    await page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Naar de inhoud' })
    expect(await page.evaluate<string | null>('document.activeElement?.textContent ?? null')).toBe('Naar de inhoud')
    expect(await skip.isVisible()).toBe(true)
    await page.keyboard.press('Enter')
    expect(await page.evaluate<string | null>('document.activeElement?.id ?? null')).toBe('inhoud')
  })
})
