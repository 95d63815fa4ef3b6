// The paper round trip in the browser: a round's 20 forms printed by the app, marked, through a
// copier into one 20-page PDF; scanned on 'Formulieren scannen', reviewed (one unclear row corrected
// by keyboard, the rest confirmed with Enter), and found back: the answers and the attached page on
// the pupils' pages, 20 of 20 returned on the round. A PDF without forms gets a Dutch message.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { parseFormQr, type SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import { openDatabase } from '../../electron/core/db/open.ts'
import { browserTestsEnabled, type AppSession } from '../helpers/browser.ts'
import { ok } from '../helpers/call-ok.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'
import { copierPdf, rasterise, readPgm } from '../scan/corpus.ts'
import { seriousViolations } from '../helpers/axe.ts'

const DPI = 150
const dir = mkdtempSync(join(tmpdir(), 'tr-scan-e2e-'))

/** A firm hand-drawn cross in a box, in pixels. */
const cross = (b: { x: number; y: number; width: number; height: number }, s: number): string => {
  const [x0, y0, x1, y1] = [(b.x + 1.5) * s, (b.y + 1.5) * s, (b.x + b.width - 1.5) * s, (b.y + b.height - 1.5) * s]
  return `<path d="M${x0},${y0} L${x1},${y1} M${x1},${y0} L${x0},${y1}" stroke="#111" stroke-width="${1.6 * s}" stroke-linecap="round" fill="none"/>`
}
/** A scribbled signature across most of the field. */
const scribble = (f: { x: number; y: number; width: number; height: number }, s: number): string => {
  const pts = Array.from({ length: 12 }, (_v, i) => `${i ? 'L' : 'M'}${((f.x + f.width * (0.05 + 0.075 * i)) * s).toFixed(1)},${((f.y + f.height * (i % 2 ? 0.3 : 0.8)) * s).toFixed(1)}`)
  return `<path d="${pts.join(' ')}" stroke="#222" stroke-width="${1.2 * s}" fill="none"/>`
}

interface Expected {
  code: string
  answers: Map<number, 'granted' | 'refused'>
}

/** The round's forms as printed by the app, each marked (ja or nee per row; on the first form one row ticked both), through the copier into one PDF. */
async function markedScan(app: AppSession, roundId: number): Promise<{ pdf: string; expected: Expected[]; unclear: { code: string; purposeId: number } }> {
  const printed = await ok(app.harness.core, 'campaigns.printForms', { id: roundId, delivery: 'data' })
  if (printed.delivered !== 'data') throw new Error('no data')
  const pages = rasterise(Buffer.from(printed.data, 'base64'), join(dir, 'raster'), DPI, 1, 20)
  const db = openDatabase(app.dbPath, { readonly: true })
  const s = DPI / 72
  const expected: Expected[] = []
  const jpegs: Buffer[] = []
  let unclear = { code: '', purposeId: 0 }
  for (const [i, p] of pages.entries()) {
    const qr = parseFormQr(p.qr)
    const layout = JSON.parse(db.prepare('SELECT layout_json FROM form_layouts WHERE digest = ?').pluck().get(qr?.layout) as string) as SheetLayout
    const answers = new Map<number, 'granted' | 'refused'>()
    const marks: string[] = []
    for (const [j, row] of layout.rows.entries()) {
      const yes = (i + j) % 3 !== 0
      marks.push(cross(yes ? row.ja : row.nee, s))
      if (i === 0 && j === 1) {
        marks.push(cross(yes ? row.nee : row.ja, s)) // both ticked: the reader cannot tell
        unclear = { code: qr?.code ?? '', purposeId: row.purposeId ?? 0 }
        answers.set(row.purposeId ?? 0, 'refused') // what the office reads on the paper and types
      } else answers.set(row.purposeId ?? 0, yes ? 'granted' : 'refused')
    }
    const first = layout.signatures[0]
    if (first) marks.push(scribble(first.sign, s), scribble(first.date, s))
    const { width, height, data } = readPgm(p.png) // the rasterised page, grey
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${marks.join('')}</svg>`)
    jpegs.push(
      await sharp(data, { raw: { width, height, channels: 1 } })
        .composite([{ input: svg, blend: 'multiply' }])
        .jpeg({ quality: 80 })
        .toBuffer(),
    )
    expected.push({ code: qr?.code ?? '', answers })
  }
  db.close()
  const pdf = join(dir, 'scan-kopieerapparaat.pdf')
  writeFileSync(pdf, await copierPdf(jpegs))
  return { pdf, expected, unclear }
}

describe.skipIf(!browserTestsEnabled('scan'))('scanning returned consent forms', () => {
  const app = demoAppForSuite({ bypassCsp: true })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('scans a 20-page PDF of a round, corrects the unclear row by keyboard, confirms every form, and finds answers, scans and 20 of 20 back', async () => {
    const { page } = app
    const group5 = (await ok(app.harness.core, 'groups.list', {})).find((g) => g.name === '5')
    const round = await ok(app.harness.core, 'campaigns.start', { name: 'Toestemming najaar', groupIds: [group5?.id ?? 0] })
    const { pdf, expected, unclear } = await markedScan(app, round.id)
    expect(expected).toHaveLength(20)

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('link', { name: 'Teruggekomen formulieren scannen' }).click()
    await page.getByRole('heading', { name: 'Formulieren scannen', level: 1 }).waitFor()
    await page.getByLabel('Scans kiezen').setInputFiles(pdf)
    await page.getByRole('button', { name: 'Scan lezen' }).click()
    // Read in the background, with how far it is.
    await page.getByRole('progressbar', { name: 'Voortgang van het lezen' }).waitFor({ timeout: 30_000 })
    await page.getByText(/^Pagina \d+ van 20 gelezen…$/).waitFor({ timeout: 60_000 })
    const heading = page.getByRole('heading', { name: /^Formulier van / })
    await heading.waitFor({ timeout: 90_000 })
    expect(await page.locator('.scan .count').innerText()).toBe("20 pagina's gelezen · 20 formulieren · 0 vastgelegd · 0 zonder code")

    // The form with the unclear row comes first, that row on top, marked and without a proposal.
    const current = page.locator('.scan-rows tr[aria-current="true"]')
    expect(await current.innerText()).toContain('Onduidelijk: ja én nee aangekruist')
    expect(await current.getByRole('button', { pressed: true }).innerText()).toBe('Leeg')
    await current.getByRole('img').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.locator('.scan-keys').innerText()).toContain('J ja · N nee · G leeg')

    await page.keyboard.press('n')
    expect(await current.getByRole('button', { pressed: true }).innerText()).toBe('Nee')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: "ronde 'Toestemming najaar': 1 van 20 terug" }).waitFor()
    for (let n = 2; n <= 20; n++) {
      await heading.waitFor()
      await page.keyboard.press('Enter')
      await page
        .getByRole('status')
        .filter({ hasText: `ronde 'Toestemming najaar': ${n} van 20 terug` })
        .waitFor()
    }
    await page.getByText('Alle formulieren van deze scan zijn bekeken.').waitFor()

    // Every answer as marked, the page attached, from the guardian who signed.
    const byCode = new Map(round.outstanding.map((o) => [o.code, o.pupilId]))
    const today = new Date().toLocaleDateString('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric' })
    for (const e of expected) {
      const pupil = await ok(app.harness.core, 'pupils.get', { id: byCode.get(e.code) ?? 0 })
      // The records just added (the pupil's current decision also weighs the other guardian's earlier answers).
      const history = (await ok(app.harness.core, 'consent.history', { pupilId: pupil.id })).slice(0, e.answers.size)
      expect([e.code, new Map(history.map((h) => [h.purposeId, h.decision]))]).toEqual([e.code, e.answers])
      for (const h of history) {
        expect(h).toMatchObject({ source: 'paper_form', sourceDetail: `teruggekomen formulier ${e.code}, gescand ${today}`, guardianId: pupil.guardians[0]?.id })
        expect(h.attachment?.fileName).toMatch(new RegExp(`^formulier-${e.code}-gescand-\\d{4}-\\d{2}-\\d{2}\\.png$`))
      }
    }

    // On the pupil's page: the corrected answer, its source and the scan.
    await page.evaluate(`location.hash = '#/leerling/${byCode.get(unclear.code)}/geschiedenis'`)
    const line = page
      .locator('table.history tbody tr')
      .filter({ hasText: `teruggekomen formulier ${unclear.code}` })
      .first()
    await line.waitFor()
    expect(await line.innerText()).toContain(`formulier-${unclear.code}-gescand-`)
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('heading', { name: 'Toestemming najaar' }).waitFor()
    expect(await page.locator('.campaign .progress-text').first().innerText()).toBe('20 van 20 terug')
    expect(app.pageErrors).toEqual([])
  }, 240_000)

  it('Stoppen while the scan is read keeps nothing and says so', async () => {
    const { page } = app
    // Back on the page after visiting others: the scan is still there, until 'Klaar'.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Formulieren scannen' }).click()
    expect(await page.locator('.scan .count').innerText()).toBe("20 pagina's gelezen · 20 formulieren · 20 vastgelegd · 0 zonder code")
    await page.getByRole('button', { name: 'Klaar met deze scan' }).click()
    const before = (await ok(app.harness.core, 'audit.page', {})).total
    await page.getByLabel('Scans kiezen').setInputFiles(join(dir, 'scan-kopieerapparaat.pdf'))
    await page.getByRole('button', { name: 'Scan lezen' }).click()
    await page.getByText(/^Pagina \d+ van 20 gelezen…$/).waitFor({ timeout: 60_000 })
    await page.getByRole('button', { name: 'Stoppen' }).click()
    const stopped = page.getByRole('alert').filter({ hasText: /gestopt/i })
    await stopped.waitFor({ timeout: 30_000 })
    expect(await stopped.innerText()).toMatch(/niets (opgeslagen|vastgelegd)/)
    expect(await page.getByRole('heading', { name: /^Formulier van / }).count()).toBe(0)
    expect((await ok(app.harness.core, 'audit.page', {})).total).toBe(before)
  }, 120_000)

  it('a PDF without forms gets a clear Dutch message and records nothing', async () => {
    const { page } = app
    const round = (await ok(app.harness.core, 'campaigns.list', {}))[0]
    const reminder = await ok(app.harness.core, 'campaigns.reminderList', { id: round?.id ?? 0, delivery: 'data' })
    if (reminder.delivered !== 'data') throw new Error('no data')
    const file = join(dir, 'herinneringslijst.pdf')
    writeFileSync(file, Buffer.from(reminder.data, 'base64'))
    const before = (await ok(app.harness.core, 'audit.page', {})).total
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Formulieren scannen' }).click()
    // The scan that was stopped is still chosen (to read again); the user takes it off and chooses the other file.
    const chosen = page.getByRole('table', { name: 'Gekozen scans' })
    await chosen.getByRole('button', { name: 'scan-kopieerapparaat.pdf weghalen' }).click()
    await page.getByText('Nog geen bestand gekozen.').waitFor()
    // Dropped on the zone as a file manager would (a DataTransfer made in the page), uploaded once like a chosen file.
    const transfer = await page.evaluateHandle(`(() => {
      const t = new DataTransfer()
      t.items.add(new File([Uint8Array.from(atob('${readFileSync(file).toString('base64')}'), (c) => c.charCodeAt(0))], 'herinneringslijst.pdf', { type: 'application/pdf' }))
      return t
    })()`)
    await page.locator('.scan-drop').dispatchEvent('drop', { dataTransfer: transfer })
    await chosen.getByRole('cell', { name: 'herinneringslijst.pdf', exact: true }).waitFor()
    await page.screenshot({ path: join(tmpdir(), 'scan-chosen-files.png') })
    expect(await chosen.locator('tbody tr').count()).toBe(1)
    expect(await chosen.locator('tbody td.num').innerText()).toMatch(/^\d+ kB$/)
    await page.getByRole('button', { name: 'Scan lezen' }).click()
    const notice = page.getByRole('alert').filter({ hasText: 'geen toestemmingsformulier herkend' })
    await notice.waitFor({ timeout: 60_000 })
    expect(await notice.innerText()).toMatch(/^In de scan is geen toestemmingsformulier herkend: op (de enige pagina|alle \d+ pagina's) is geen formuliercode gevonden\. Er is niets vastgelegd\./)
    expect((await ok(app.harness.core, 'audit.page', {})).total).toBe(before)
    expect(app.pageErrors).toEqual([])
  }, 120_000)

  it('a page without a code is looked at, given to a pupil found by name, filled in by keyboard and kept as proof', async () => {
    const { page } = app
    const first = page.locator('.scan-page').first()
    await first.getByRole('button', { name: 'Pagina bekijken' }).click()
    await first.getByRole('img', { name: /^Gescande pagina: herinneringslijst\.pdf, pagina 1$/ }).waitFor()
    await first.getByLabel('Leerling zoeken voor deze pagina').fill('Kowalski')
    const assign = first.getByRole('button', { name: /^Toewijzen aan / }).first()
    const name = (await assign.innerText()).replace(/^Toewijzen aan /, '').replace(/ \(groep .*\)$/, '')
    await assign.click()
    await page.getByRole('heading', { name: new RegExp(`^Formulier van ${name}`) }).waitFor()
    expect(await page.locator('.scan-rows tr[aria-current="true"]').innerText()).toContain('Zelf invullen')
    await page.locator('.scan-form').getByRole('img', { name: 'Gescande pagina: herinneringslijst.pdf, pagina 1' }).waitFor()
    await page.keyboard.press('j')
    await page.keyboard.press('Enter')
    await page.getByRole('alert').filter({ hasText: 'Geen handtekening gevonden: kies eerst van wie de antwoorden zijn' }).waitFor()
    await page.keyboard.press('0')
    await page.keyboard.press('Enter')
    await page
      .getByRole('status')
      .filter({ hasText: `Formulier van ${name} vastgelegd: 1 antwoord, met de scan als bewijs` })
      .waitFor()
    const hit = (await ok(app.harness.core, 'pupils.search', { query: name }))[0]
    const [last] = await ok(app.harness.core, 'consent.history', { pupilId: hit?.id ?? 0 })
    expect(last).toMatchObject({ decision: 'granted', source: 'paper_form', guardianId: null, attachment: { mimeType: 'image/png' } })
    expect(last?.note).toBe('Gescand: herinneringslijst.pdf, pagina 1. Geen handtekening gevonden; bij het bevestigen vastgelegd zonder ouder/verzorger.')
    expect(app.pageErrors).toEqual([])
  }, 120_000)
})
