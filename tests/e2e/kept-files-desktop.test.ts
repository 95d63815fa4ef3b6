// The Geschiedenis tab as the desktop app shows it (the page with a window.api, the same core with a
// save dialog and viewer this test answers): a proof's scan and a parent's e-mail opened and saved
// from their cell, a cancelled save, a mail program that will not open it. Every answer the page
// gets is small: the bytes stay in the core, which writes the copy or the file itself.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Desktop } from '../../electron/core/context.ts'
import type { PupilSummary } from '../../shared/domain.ts'
import type { Result } from '../../shared/errors.ts'
import type { ChosenFile } from '../../shared/files.contract.ts'
import { browserTestsEnabled, launchBrowser, openDemoApp, watchTraffic, type AppSession } from '../helpers/browser.ts'

const EML = join(import.meta.dirname, '../fixtures/mail/toestemming-website-nee.eml')

describe.skipIf(!browserTestsEnabled('kept-files-desktop'))('kept files in the desktop app', () => {
  let browser: Browser
  let app: AppSession
  let dir: string
  let pupil: PupilSummary
  /** What the test's save dialog answers next (undefined: cancelled), and what was opened in the viewer. */
  const dialog: { answer: string | undefined; asked: string[]; opened: string[]; failOpen: boolean } = { answer: undefined, asked: [], opened: [], failOpen: false }
  const desktop: Desktop = {
    chooseSavePath: async (name) => (dialog.asked.push(name), dialog.answer),
    openPath: async (path) => {
      dialog.opened.push(path)
      if (dialog.failOpen) throw new Error('No application is associated with the specified file')
    },
  }
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.harness.core.dispatch(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as T
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tr-kept-desktop-'))
    browser = await launchBrowser()
    app = await openDemoApp(browser, { now: () => new Date('2026-12-01T09:00:00Z'), desktop })
    pupil = (await call<PupilSummary[]>('pupils.list', {}))[0] as PupilSummary
    const mailPath = join(dir, 'Toestemming Zoë.eml')
    copyFileSync(EML, mailPath)
    const chosen = JSON.parse(await app.harness.core.registerFile(mailPath)) as Result<ChosenFile>
    if (!chosen.ok) throw new Error(chosen.error.message)
    const website = (await call<{ id: number; code: string }[]>('purposes.list', {})).find((p) => p.code === 'website')
    await call('mail.record', { pupilId: pupil.id, mail: { token: chosen.value.token }, decisions: [{ purposeId: website?.id, decision: 'refused' }] })
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("opens the scan and saves the mail from the history; a cancel says only 'Niet opgeslagen'; every call and answer stays small", async () => {
    const { page } = app
    const answers: number[] = []
    // The answers to the kept files' calls (others, such as the list a register change reloads, may be larger).
    const fileCall = /"method":"(attachments|mail)\.get"/
    page.on('response', (r) => void (r.url().endsWith('/api') && fileCall.test(r.request().postData() ?? '') && r.body().then((b) => answers.push(b.length))))
    const { calls, stop } = watchTraffic(page)
    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/geschiedenis'`)
    const cell = page.locator('.mail-proof').first()
    await cell.waitFor()
    expect(await cell.getByRole('button', { name: /downloaden$/ }).count()).toBe(0)

    await cell.getByRole('button', { name: /^toestemmingsformulier-zoe\.pdf \(\d+ kB\) openen$/ }).click()
    await cell
      .getByRole('status')
      .filter({ hasText: /^Geopend: toestemmingsformulier-zoe\.pdf\.$/ })
      .waitFor()
    expect(dialog.opened).toHaveLength(1)
    expect(
      readFileSync(dialog.opened[0] ?? '')
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')

    const target = join(dir, 'bewijs-van-moeder.eml')
    dialog.answer = target
    await cell.getByRole('button', { name: /^E-mail: Toestemming Zoë\.eml .* opslaan als$/ }).click()
    await cell
      .getByRole('status')
      .filter({ hasText: `Opgeslagen: ${target}.` })
      .waitFor()
    expect(dialog.asked).toEqual(['Toestemming Zoë.eml'])
    expect(readFileSync(target).equals(readFileSync(EML))).toBe(true)

    dialog.answer = undefined
    await cell.getByRole('button', { name: /^toestemmingsformulier-zoe\.pdf .* opslaan als$/ }).click()
    await cell
      .getByRole('status')
      .filter({ hasText: /^Niet opgeslagen\.$/ })
      .waitFor()
    expect(await cell.getByRole('alert').count()).toBe(0)
    await page
      .locator('table.history')
      .screenshot({ path: 'test-results/geschiedenis-desktop.png' })
      .catch(() => undefined)
    stop()

    const fileCalls = calls.filter((c) => fileCall.test(c))
    expect(fileCalls).toHaveLength(3)
    expect(fileCalls.every((c) => c.length < 10_000)).toBe(true)
    await expect.poll(() => answers.length).toBe(fileCalls.length)
    expect(Math.max(...answers)).toBeLessThan(10_000) // no file crossed to the page
    expect(app.pageErrors).toEqual([])
  })

  it('a mail program that will not open the mail: the Dutch message in its cell, no copy left', async () => {
    const { page } = app
    dialog.failOpen = true
    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/geschiedenis'`)
    const cell = page.locator('.mail-proof').first()
    await cell.waitFor()
    await cell.getByRole('button', { name: /^E-mail: Toestemming Zoë\.eml .* openen$/ }).click()
    const alert = cell.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toBe(
      "Toestemming Zoë.eml kon niet worden geopend: er is geen e-mailprogramma dat EML-bestanden opent (zoals Outlook of Thunderbird), of het gaf een fout. Er is niets verloren of veranderd; het bestand blijft bewaard in het register. Kies 'Opslaan als…' en open het daarna zelf, of vraag wie de computer beheert zo'n programma in te stellen.",
    )
    expect(existsSync(dialog.opened.at(-1) ?? '')).toBe(false)
  })
})
