// An old consent form in a scan, in the browser: printed before forms carried their layout (a QR
// code with the form code alone, no corner marks). On 'Formulieren scannen' it is listed among the
// pages without a code as 'Ouder formulier', says why its boxes are not read, offers its pupil; one
// click gives it to them, the answers are typed by keyboard beside the page, and it counts in the round.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseFormQr, type SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import { openDatabase } from '../../electron/core/db/open.ts'
import { seriousViolations } from '../helpers/axe.ts'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { ok } from '../helpers/call-ok.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'
import { copierPdf, rasterise } from '../scan/corpus.ts'
import { oldFormJpeg } from '../scan/old-form.ts'

const DPI = 150
const dir = mkdtempSync(join(tmpdir(), 'tr-scan-old-e2e-'))

describe.skipIf(!browserTestsEnabled('scan old forms'))('an old consent form in a scan', () => {
  const app = demoAppForSuite({ bypassCsp: true })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('is offered to its pupil, given with one click, filled in by keyboard and counted in the round', async () => {
    const { page } = app
    const group5 = (await ok(app.harness.core, 'groups.list', {})).find((g) => g.name === '5')
    const round = await ok(app.harness.core, 'campaigns.start', { name: 'Toestemming najaar', groupIds: [group5?.id ?? 0] })
    const printed = await ok(app.harness.core, 'campaigns.printForms', { id: round.id, delivery: 'data' })
    if (printed.delivered !== 'data') throw new Error('no data')
    const [first] = rasterise(Buffer.from(printed.data, 'base64'), join(dir, 'raster'), DPI, 1, 1)
    const qr = parseFormQr(first?.qr ?? '')
    if (!first || !qr) throw new Error('no page')
    const db = openDatabase(app.dbPath, { readonly: true })
    const layout = JSON.parse(db.prepare('SELECT layout_json FROM form_layouts WHERE digest = ?').pluck().get(qr.layout) as string) as SheetLayout
    db.close()
    const file = join(dir, 'oud-formulier.pdf')
    writeFileSync(file, await copierPdf([await oldFormJpeg(first.png, layout, qr.code, DPI)]))
    const pupil = await ok(app.harness.core, 'pupils.get', { id: round.outstanding.find((o) => o.code === qr.code)?.pupilId ?? 0 })
    const name = [pupil.firstName, pupil.lastNamePrefix, pupil.lastName].filter(Boolean).join(' ')

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Formulieren scannen' }).click()
    await page.getByRole('heading', { name: 'Formulieren scannen', level: 1 }).waitFor()
    await page.getByLabel('Scans kiezen').setInputFiles(file)
    await page.getByRole('button', { name: 'Scan lezen' }).click()
    const listed = page.locator('.scan-page').first()
    await listed.getByText('Ouder formulier', { exact: true }).waitFor({ timeout: 60_000 })
    expect(await listed.innerText()).toContain(`Formulier ${qr.code} is een ouder formulier, gedrukt voordat het programma formulieren kon lezen`)
    expect(await page.getByText('geen toestemmingsformulier herkend').count()).toBe(0)
    const give = listed.getByRole('button', { name: `Toewijzen aan ${name} (groep 5)` })
    await give.waitFor()
    await page.screenshot({ path: join(tmpdir(), 'scan-old-form-listed.png'), fullPage: true })
    expect(await seriousViolations(page)).toEqual([])

    await give.click()
    await page.getByRole('heading', { name: new RegExp(`^Formulier van ${name}`) }).waitFor()
    expect(await page.locator('.scan-form').innerText()).toContain('Dit is een ouder formulier')
    await page.locator('.scan-form').getByRole('img', { name: 'Gescande pagina: oud-formulier.pdf, pagina 1' }).waitFor()
    expect(await page.locator('.scan-rows tr[aria-current="true"]').innerText()).toContain('Zelf invullen')
    await page.keyboard.press('j')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('n')
    await page.keyboard.press('1')
    await page.screenshot({ path: join(tmpdir(), 'scan-old-form-review.png'), fullPage: true })
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: "ronde 'Toestemming najaar': 1 van 20 terug" }).waitFor()

    const history = (await ok(app.harness.core, 'consent.history', { pupilId: pupil.id })).slice(0, 2)
    expect(history.map((h) => h.decision).sort()).toEqual(['granted', 'refused'])
    for (const h of history) expect(h).toMatchObject({ source: 'paper_form', guardianId: pupil.guardians[0]?.id, attachment: { mimeType: 'image/png' } })
    expect(app.pageErrors).toEqual([])
  }, 180_000)
})
