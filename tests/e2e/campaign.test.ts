import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { pdfPages } from '../documents/helpers.ts'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'

/** Clicks a button that offers a file, and returns the downloaded bytes. */
async function download(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()])
  return readFileSync(await file.path())
}

describe.skipIf(!browserTestsEnabled('campaign'))('a consent round at the desk', () => {
  const app = demoAppForSuite()

  it('prints the forms of a group, records three returned forms by their codes, shows 3 of 20, and prints the reminder list', async () => {
    const { page } = app
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('button', { name: 'Nieuwe ronde starten' }).click()
    await page.getByLabel('Naam van de ronde').fill('Toestemming najaar')
    await page.locator('fieldset', { hasText: 'Groepen' }).getByLabel('5', { exact: true }).check()
    await page.getByRole('button', { name: 'Ronde starten' }).click()
    const confirm = page.getByRole('dialog')
    expect(await confirm.innerText()).toContain('Voor alle 20 leerlingen in groep 5 komt een formulier met een eigen code klaar om af te drukken.')
    await confirm.getByRole('button', { name: 'Ronde starten' }).click()
    await page.getByRole('heading', { name: 'Toestemming najaar' }).waitFor()
    expect(await page.locator('.campaign .progress-text').first().innerText()).toBe('0 van 20 terug')

    const forms = await pdfPages(await download(page, 'Formulieren afdrukken (20)'))
    expect(forms).toHaveLength(20)
    const codes = forms.map((text) => /TR-[2-9A-HJ-NP-Z]{6}/.exec(text)?.[0] ?? '')
    expect(new Set(codes).size).toBe(20)

    for (const code of codes.slice(0, 3)) {
      await page.keyboard.press('Control+K')
      await page.keyboard.type(code)
      await page.keyboard.press('Enter')
      await page
        .getByRole('status')
        .filter({ hasText: `Teruggekomen formulier ${code}` })
        .waitFor()
      await page.getByRole('button', { name: 'Alles ja' }).click()
      await page.getByRole('button', { name: /antwoorden vastleggen/ }).click()
      await page
        .getByRole('status')
        .filter({ hasText: `formulier ${code} telt als terug` })
        .waitFor()
    }

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('heading', { name: 'Toestemming najaar' }).waitFor()
    expect(await page.locator('.campaign .progress-text').first().innerText()).toBe('3 van 20 terug')

    const reminder = (await pdfPages(await download(page, 'Herinneringslijst per leerkracht'))).join('\n')
    expect(reminder).toContain('3 van 20')
    for (const code of codes.slice(3)) expect(reminder).toContain(code)
    for (const code of codes.slice(0, 3)) expect(reminder).not.toContain(code)
    expect(app.pageErrors).toEqual([])
  })
})
