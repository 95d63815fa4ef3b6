import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6e2d70000000049454e44ae426082', 'hex')

async function record(page: Page, answer: 'Ja' | 'Nee', source: string, scan?: boolean): Promise<void> {
  await page.getByRole('tab', { name: 'Toestemming', exact: true }).click()
  await page.getByRole('radio', { name: `Website van de school: ${answer}` }).check()
  await page.locator('.record-panel select').nth(1).selectOption({ label: source })
  if (scan) await page.locator('.record-panel input[type=file]').setInputFiles({ name: 'formulier-scan.png', mimeType: 'image/png', buffer: PNG })
  await page.getByRole('button', { name: '1 antwoord vastleggen' }).click()
  await page.getByRole('status').filter({ hasText: 'Opgeslagen: 1 antwoord' }).waitFor()
}

async function websiteStatus(page: Page): Promise<string> {
  return page.locator('table.grid tr', { hasText: 'Website van de school' }).locator('.badge').first().innerText()
}

/** The pupil's name as the no-consent list of their group shows it, for the website purpose. */
async function onGroupList(page: Page, group: string, sortName: string): Promise<string | null> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Geen toestemming' }).click()
  await page.getByLabel('Groep', { exact: true }).selectOption({ label: `Groep ${group}` })
  await page.getByLabel('Doel', { exact: true }).selectOption({ label: 'Website van de school' })
  await page.locator('.no-consent[aria-busy=false]').waitFor()
  const section = page.locator('.purpose-list', { hasText: 'Website van de school' })
  const row = section.locator('tr', { hasText: sortName })
  return (await row.count()) === 0 ? null : row.locator('.badge').first().innerText()
}

describe.skipIf(!browserTestsEnabled('consent register'))('recording consent at the desk', () => {
  const app = demoAppForSuite()

  it('finds a pupil without typing diacritics, records a refusal with a scan, withdraws and re-grants, and keeps all three records', async () => {
    const { page } = app
    await page.keyboard.press('Control+K')
    await page.keyboard.type('zoe')
    const first = page.getByRole('option').first()
    await first.waitFor()
    const hitName = (await first.locator('.hit-name').innerText()).trim()
    expect(hitName).toContain('Zoë')
    const group = /groep (\S+)/.exec(await first.locator('.hit-meta').innerText())?.[1] ?? ''
    await page.keyboard.press('Enter')
    await page.locator('.consent-grid').waitFor()
    const fullName = await page.getByRole('heading', { level: 1 }).innerText()
    expect(fullName).toMatch(/^Zoë /)

    await record(page, 'Nee', 'E-mail', true)
    expect(await websiteStatus(page)).toBe('Geweigerd')
    expect(await onGroupList(page, group, hitName)).toBe('Geweigerd')

    await page.locator('.purpose-list tr', { hasText: hitName }).getByRole('link').click()
    await record(page, 'Ja', 'Papieren formulier')
    expect(await websiteStatus(page)).toBe('Toestemming')
    expect(await onGroupList(page, group, hitName)).toBeNull()

    await page.keyboard.press('Control+K')
    // Enter at once after typing opens the pupil of the whole name, not a hit of a letter typed before.
    await page.keyboard.type(hitName.replace(/ë/g, 'e'))
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: fullName }).waitFor()
    await record(page, 'Nee', 'Telefoon')
    expect(await onGroupList(page, group, hitName)).toBe('Geweigerd')

    await page.locator('.purpose-list tr', { hasText: hitName }).getByRole('link').click()
    await page.getByRole('tab', { name: 'Geschiedenis' }).click()
    const websiteRows = page.locator('table.history tbody tr', { hasText: 'Website van de school' })
    await websiteRows.first().waitFor()
    const texts = await websiteRows.allInnerTexts()
    expect(texts.length).toBeGreaterThanOrEqual(3)
    expect(texts[0]).toMatch(/Geweigerd[\s\S]*Telefoon/)
    expect(texts[1]).toMatch(/Toestemming[\s\S]*Papieren formulier/)
    expect(texts[2]).toMatch(/Geweigerd[\s\S]*E-mail[\s\S]*formulier-scan\.png/)
    expect(texts.slice(0, 3).every((t) => t.includes('Demo-administratie'))).toBe(true)
    expect(app.pageErrors).toEqual([])
  })

  it('refuses a scan that is not a PDF or image with a Dutch message at the field, and records nothing', async () => {
    const { page } = app
    await page.getByRole('tab', { name: 'Toestemming', exact: true }).click()
    const before = await websiteStatus(page)
    await page.getByRole('radio', { name: 'Website van de school: Ja' }).check()
    await page.locator('.record-panel input[type=file]').setInputFiles({ name: 'brief.pdf', mimeType: 'application/pdf', buffer: Buffer.from('PK\u0003\u0004 een Word-bestand') })
    await page.getByRole('button', { name: '1 antwoord vastleggen' }).click()
    await expect.poll(() => page.locator('.record-panel [role=alert]').innerText()).toContain('geen PDF, JPG of PNG')
    expect(await websiteStatus(page)).toBe(before)
  })
})
