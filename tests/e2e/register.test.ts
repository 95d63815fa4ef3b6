import type { Page } from 'playwright-core'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { ConsentRecordView, DossierEntry, PupilSummary } from '../../shared/domain.ts'
import { browserTestsEnabled, watchTraffic } from '../helpers/browser.ts'
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

  it('attaches a scan of the signed form and two dossier files: each file goes up once and every call names only its token (under 10 KB); a 21 MB file is refused by its size at once, nothing stored', async () => {
    const { page } = app
    const core = app.harness.core
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await core.dispatch(method, input)
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
      return r.value as T
    }
    /** The pupil's scans and dossier attachments the core keeps. */
    const attachmentsStored = async (id: number): Promise<number> =>
      (await call<ConsentRecordView[]>('consent.history', { pupilId: id })).filter((h) => h.attachment).length + (await call<DossierEntry[]>('dossier.list', { pupilId: id })).reduce((n, e) => n + e.attachments.length, 0)
    const pupil = (await call<PupilSummary[]>('pupils.list', {}))[3] as PupilSummary
    const { calls, uploads } = watchTraffic(page)
    // A photographed form of about 150 KB: as base64 it could never fit in a 10 KB call.
    const photo = await sharp({ create: { width: 280, height: 220, channels: 3, background: '#f4f1ea', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .png()
      .toBuffer()
    expect(photo.length).toBeGreaterThan(100_000)
    const letter = Buffer.from(`%PDF-1.4\n% ${'brief van de ouders '.repeat(6000)}\n%%EOF\n`)
    /** Drops a file of 21 MB made in the page (a PDF by its first bytes) on the field `name`. */
    const dropHuge = async (name: string, fileName: string) => {
      const dataTransfer = await page.evaluateHandle(`(() => {
        const bytes = new Uint8Array(21 * 1024 * 1024)
        bytes.set([0x25, 0x50, 0x44, 0x46, 0x2d])
        const dt = new DataTransfer()
        dt.items.add(new File([bytes], '${fileName}', { type: 'application/pdf' }))
        return dt
      })()`)
      await page.getByRole('group', { name }).dispatchEvent('drop', { dataTransfer })
    }

    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/toestemming'`)
    await page.locator('.consent-grid').waitFor()
    const recordsBefore = (await call<ConsentRecordView[]>('consent.history', { pupilId: pupil.id })).length
    const storedBefore = await attachmentsStored(pupil.id)

    // Too large: refused the moment it is dropped, at the field, before anything is saved.
    const scanField = 'Scan van het formulier (PDF, JPG, PNG; tot 20 MB)'
    await page.getByRole('radio', { name: 'Website van de school: Nee' }).check()
    let started = Date.now()
    await dropHuge(scanField, 'scan-600dpi.pdf')
    const alert = page.getByRole('group', { name: scanField }).getByRole('alert')
    await alert.filter({ hasText: 'Het bestand scan-600dpi.pdf is groter dan 20 MB. Er is niets opgeslagen.' }).waitFor()
    expect(Date.now() - started).toBeLessThan(4000)
    expect(await page.locator('.record-panel .file-names').innerText()).toBe('Geen bestand gekozen')
    expect(await attachmentsStored(pupil.id)).toBe(storedBefore)
    await page
      .locator('.record-panel')
      .screenshot({ path: 'test-results/scan-te-groot.png' })
      .catch(() => undefined)

    // The photographed form, chosen: kept with the refusal as its proof, the same bytes.
    await page.locator('.record-panel').getByLabel('Bestand kiezen').setInputFiles({ name: 'formulier-getekend.png', mimeType: 'image/png', buffer: photo })
    await expect.poll(() => page.locator('.record-panel .file-names').innerText()).toBe('formulier-getekend.png')
    expect(await alert.count()).toBe(0)
    await page
      .locator('.record-panel')
      .screenshot({ path: 'test-results/scan-gekozen.png' })
      .catch(() => undefined)
    await page.getByRole('button', { name: '1 antwoord vastleggen' }).click()
    await page.getByRole('status').filter({ hasText: 'Opgeslagen: 1 antwoord' }).waitFor()
    const history = await call<ConsentRecordView[]>('consent.history', { pupilId: pupil.id })
    expect(history).toHaveLength(recordsBefore + 1)
    expect(history[0]).toMatchObject({ decision: 'refused', attachment: { fileName: 'formulier-getekend.png', mimeType: 'image/png', size: photo.length } })
    const kept = await call<{ data: string }>('attachments.get', { id: history[0]?.attachment?.id ?? 0 })
    expect(Buffer.from(kept.data, 'base64').equals(photo)).toBe(true)

    // The dossier: a 21 MB file dropped is refused at once; a letter and the photo chosen are kept.
    await page.getByRole('tab', { name: 'Dossier' }).click()
    await page.getByRole('button', { name: 'Stuk toevoegen' }).click()
    await page.locator('input[name="title"]').fill('Brief van de ouders over foto’s')
    const filesField = 'Bijlagen (PDF, JPG, PNG; hoogstens 20 MB per bestand)'
    started = Date.now()
    await dropHuge(filesField, 'hele-map-gescand.pdf')
    await page.getByRole('group', { name: filesField }).getByRole('alert').filter({ hasText: 'Het bestand hele-map-gescand.pdf is groter dan 20 MB. Er is niets opgeslagen.' }).waitFor()
    expect(Date.now() - started).toBeLessThan(4000)
    expect(await attachmentsStored(pupil.id)).toBe(storedBefore + 1)
    await page.getByLabel('Bestanden kiezen').setInputFiles([
      { name: 'brief-ouders.pdf', mimeType: 'application/pdf', buffer: letter },
      { name: 'foto-formulier.png', mimeType: 'image/png', buffer: photo },
    ])
    await expect.poll(() => page.locator('form .file-names').innerText()).toBe('brief-ouders.pdf, foto-formulier.png')
    await page
      .locator('form.card')
      .screenshot({ path: 'test-results/dossier-gekozen.png' })
      .catch(() => undefined)
    await page.getByRole('button', { name: 'Opslaan in dossier' }).click()
    const entry = page.locator('.dossier-entry', { hasText: 'Brief van de ouders over foto’s' })
    await entry.getByRole('button', { name: /brief-ouders\.pdf/ }).waitFor()
    await entry.screenshot({ path: 'test-results/dossier-bijlagen.png' }).catch(() => undefined)
    const [saved] = await call<DossierEntry[]>('dossier.list', { pupilId: pupil.id })
    expect(saved?.attachments.map((a) => [a.fileName, a.size])).toEqual([
      ['brief-ouders.pdf', letter.length],
      ['foto-formulier.png', photo.length],
    ])

    // Each file went up once (the two refused ones too, and were answered by their size); no call carried one.
    expect(uploads).toHaveLength(5)
    const saves = calls.filter((c) => /"method":"(consent\.record|dossier\.save)"/.test(c))
    expect(saves).toHaveLength(2)
    expect(saves.every((c) => c.length < 10_000 && !c.includes('"data"') && /"token":"f-/.test(c))).toBe(true)
    expect(calls.every((c) => c.length < 10_000)).toBe(true)
    expect(app.pageErrors).toEqual([])
  })

  it("says Zoeken… while the search box's answer is on its way, never 'Geen leerling gevonden' for a pupil who is there", async () => {
    const { page } = app
    // A slow PC: every search answer takes 600 ms.
    await page.route('**/api', async (route) => {
      if (route.request().postData()?.includes('"pupils.search"')) await new Promise((r) => setTimeout(r, 600))
      await route.continue()
    })
    try {
      await page.keyboard.press('Control+K')
      await page.keyboard.type('zoe')
      const results = page.locator('#search-results')
      await results.waitFor()
      expect(await results.innerText()).toBe('Zoeken…')
      await page.getByRole('option').first().waitFor()
      expect(await results.innerText()).not.toContain('Geen leerling gevonden')
      await page.keyboard.press('Escape')
    } finally {
      await page.unroute('**/api')
    }
    expect(app.pageErrors).toEqual([])
  })
})
