// A parent's e-mail dropped on a pupil: its text shows beside the consent grid as plain text,
// 'website: nee' is recorded from it, and the mail is in the history and in the dossier ZIP; the
// kept mail and its scan are offered from the history and the dossier (downloaded in the harness).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { strFromU8, unzipSync } from 'fflate'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConsentRecordView, PupilDetail, PupilSummary } from '../../shared/domain.ts'
import { browserTestsEnabled, launchBrowser, openDemoApp, watchTraffic, type AppSession } from '../helpers/browser.ts'

const FIXTURE = readFileSync(join(import.meta.dirname, '../fixtures/mail/toestemming-website-nee.eml'), 'latin1')

describe.skipIf(!browserTestsEnabled('mail'))('a parent’s e-mail as proof', () => {
  let browser: Browser
  let app: AppSession
  let pupil: PupilDetail
  let mother: PupilDetail['guardians'][number]

  /** A drop as the system makes it: a DataTransfer holding the file (built in the page). */
  const dropOf = (page: Page, eml: Buffer) =>
    page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob('${eml.toString('base64')}'), (c) => c.charCodeAt(0))
      const dt = new DataTransfer()
      dt.items.add(new File([bytes], 'Toestemming Zoë.eml', { type: 'message/rfc822' }))
      return dt
    })()`)
  const fromMother = () => Buffer.from(FIXTURE.replace('Marieke@Voorbeeld.NL', mother.email.toUpperCase()), 'latin1')

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.harness.core.dispatch(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as T
  }

  beforeAll(async () => {
    browser = await launchBrowser()
    app = await openDemoApp(browser, { now: () => new Date('2026-12-01T09:00:00Z') })
    for (const p of await call<PupilSummary[]>('pupils.list', {})) {
      const detail = await call<PupilDetail>('pupils.get', { id: p.id })
      const withMail = detail.guardians.find((g) => g.email !== '')
      if (withMail) {
        pupil = detail
        mother = withMail
        break
      }
    }
    if (!pupil) throw new Error('the demo school has no guardian with an e-mail address')
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
  })

  it("drops an .eml on the pupil, records 'website: nee' from it, and finds the mail in the history and the dossier ZIP", async () => {
    const { page } = app
    // The fixture, sent from this guardian's address (in capitals: the match ignores case).
    const eml = fromMother()
    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/toestemming'`)
    const panel = page.getByRole('region', { name: 'E-mail van een ouder' })
    await panel.waitFor()
    const dataTransfer = await dropOf(page, eml)
    await panel.dispatchEvent('drop', { dataTransfer })

    const text = panel.locator('pre.mail-text')
    await text.waitFor()
    expect(await text.innerText()).toContain("Wij willen niet langer dat foto's van Zoë op de website van de school komen.")
    expect(await panel.innerText()).toContain(`Dit is ${mother.name}.`)
    expect(await panel.innerText()).toContain("Toestemming foto's Zoë – website nee")
    // Plain text only: the block holds no element at all.
    expect(await text.evaluate((el) => el.children.length)).toBe(0)

    const websiteLabel = (await call<{ code: string; label: string }[]>('purposes.list', {})).find((p) => p.code === 'website')?.label ?? ''
    await page.getByRole('radio', { name: `${websiteLabel}: Nee` }).check()
    expect(await page.getByLabel('Antwoord van').inputValue()).toBe(String(mother.id))
    expect(await page.locator('input[name=effectiveFrom]').inputValue()).toBe('30-11-2026')
    await page.getByRole('button', { name: '1 antwoord vastleggen' }).click()
    await page.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor()

    const [last] = await call<ConsentRecordView[]>('consent.history', { pupilId: pupil.id })
    expect(last).toMatchObject({ decision: 'refused', source: 'email', guardianId: mother.id, effectiveFrom: '2026-11-30', sourceDetail: "Toestemming foto's Zoë – website nee, 30-11-2026" })

    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/geschiedenis'`)
    const proof = page.locator('.mail-proof').first()
    await proof.waitFor()
    expect(await proof.innerText()).toContain('E-mail: Toestemming Zoë.eml')
    await page
      .locator('table.history')
      .screenshot({ path: 'test-results/geschiedenis-bewijs.png' })
      .catch(() => undefined)

    // The scan and the mail are offered where they are listed; the harness downloads them (the
    // desktop app opens a copy or asks where to save), and every call from the page stays small.
    const { calls, stop } = watchTraffic(page)
    const scanDownload = page.waitForEvent('download')
    await proof.getByRole('button', { name: /^toestemmingsformulier-zoe\.pdf \(\d+ kB\) downloaden$/ }).click()
    const scan = await scanDownload
    expect(scan.suggestedFilename()).toBe('toestemmingsformulier-zoe.pdf')
    expect(
      readFileSync(await scan.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-')
    await proof.getByRole('status').filter({ hasText: 'Gedownload: toestemmingsformulier-zoe.pdf.' }).waitFor()
    const mailDownload = page.waitForEvent('download')
    await proof.getByRole('button', { name: /^E-mail: Toestemming Zoë\.eml \(.*\) downloaden$/ }).click()
    const kept = await mailDownload
    expect(kept.suggestedFilename()).toBe('Toestemming Zoë.eml')
    expect(readFileSync(await kept.path()).equals(eml)).toBe(true)
    await proof.getByRole('status').filter({ hasText: 'Gedownload: Toestemming Zoë.eml.' }).waitFor()
    stop()
    const fileCalls = calls.filter((c) => /"method":"(attachments|mail)\.get"/.test(c))
    expect(fileCalls).toHaveLength(2)
    expect(fileCalls.every((c) => c.length < 10_000)).toBe(true)
    const log = await call<{ lines: { sentence: string }[] }>('audit.page', { pupilId: pupil.id })
    expect(log.lines.map((l) => l.sentence).filter((t) => t.endsWith(' gedownload.'))).toHaveLength(2)

    await page.getByText('Afdrukken en exporteren').click()
    const zipDownload = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Dossier (ZIP: PDF, JSON en bijlagen) downloaden' }).click()
    const files = unzipSync(new Uint8Array(readFileSync(await (await zipDownload).path())))
    const mails = Object.keys(files).filter((f) => f.startsWith('e-mails/'))
    expect(mails).toHaveLength(1)
    expect(Buffer.from(files[mails[0] ?? ''] ?? []).equals(eml)).toBe(true)
    expect(strFromU8(files['LEESMIJ.txt'] ?? new Uint8Array())).toContain('e-mails/')
  })

  it('a scan whose bytes are damaged: the cell says so in Dutch, nothing downloads, the answer stays', async () => {
    const { page } = app
    const [last] = await call<ConsentRecordView[]>('consent.history', { pupilId: pupil.id })
    const db = new Database(app.dbPath)
    try {
      db.prepare('UPDATE attachments SET data = zeroblob(10) WHERE id = ?').run(last?.attachment?.id ?? 0)
    } finally {
      db.close()
    }
    await page.keyboard.press('Escape') // the first test left the Afdrukken en exporteren menu open over the table
    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/geschiedenis'`)
    const proof = page.locator('.mail-proof').first()
    await proof.waitFor()
    let downloads = 0
    page.on('download', () => void downloads++)
    await proof.getByRole('button', { name: /^toestemmingsformulier-zoe\.pdf .* downloaden$/ }).click()
    const alert = proof.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toMatch(
      /^De bijlage toestemmingsformulier-zoe\.pdf is in het register beschadigd of leeg en kan niet worden geopend of opgeslagen\. Er is niets veranderd: het antwoord en de rest van het dossier blijven zoals ze waren\./,
    )
    await page
      .locator('table.history')
      .screenshot({ path: 'test-results/geschiedenis-beschadigd.png' })
      .catch(() => undefined)
    expect(downloads).toBe(0)
    expect((await call<ConsentRecordView[]>('consent.history', { pupilId: pupil.id }))[0]).toMatchObject({ id: last?.id, decision: 'refused' })
  })

  it('chooses a mail of 120 KB with E-mail kiezen and keeps it in the dossier; the file goes up once and every call names only its token', async () => {
    const { page } = app
    // The mother's answer with a 120 KB attachment: far more than a call may carry.
    const notes = Buffer.alloc(90_000, 'Aantekeningen bij het formulier. ').toString('base64').replace(/.{76}/g, '$&\r\n')
    const big = Buffer.from(
      [
        `From: ${mother.name} <${mother.email}>`,
        'Subject: Nog een bericht over de foto’s',
        'Date: Mon, 30 Nov 2026 21:47:12 +0100',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="grens"',
        '',
        '--grens',
        'Content-Type: text/plain; charset=UTF-8',
        '',
        'Hierbij mijn aantekeningen over de foto’s van de klas.',
        '--grens',
        'Content-Type: text/plain; name="aantekeningen.txt"',
        'Content-Disposition: attachment; filename="aantekeningen.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        notes,
        '--grens--',
        '',
      ].join('\r\n'),
    )
    expect(big.length).toBeGreaterThan(120_000)
    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/toestemming'`)
    const panel = page.getByRole('region', { name: 'E-mail van een ouder' })
    await panel.waitFor()
    const before = (await call<unknown[]>('dossier.list', { pupilId: pupil.id })).length
    const { calls, uploads, stop } = watchTraffic(page)
    await panel.getByLabel('E-mail kiezen').setInputFiles({ name: 'Aantekeningen.eml', mimeType: 'message/rfc822', buffer: big })
    await panel.locator('pre.mail-text').filter({ hasText: 'Hierbij mijn aantekeningen' }).waitFor()
    expect(await panel.innerText()).toContain(`Dit is ${mother.name}.`)
    await panel.screenshot({ path: 'test-results/mail-gekozen.png' }).catch(() => undefined)
    await panel.getByRole('button', { name: 'Alleen in het dossier bewaren' }).click()
    await panel.getByRole('status').filter({ hasText: 'De e-mail staat in het dossier' }).waitFor()
    stop()
    expect(await call<unknown[]>('dossier.list', { pupilId: pupil.id })).toHaveLength(before + 1)

    expect(uploads).toHaveLength(1)
    const mailCalls = calls.filter((c) => /"method":"mail\./.test(c))
    expect(mailCalls.map((c) => /"method":"(mail\.\w+)"/.exec(c)?.[1])).toEqual(['mail.read', 'mail.addToDossier'])
    expect(mailCalls.every((c) => c.length < 10_000 && !c.includes('"data"') && /"mail":\{"token":"f-/.test(c))).toBe(true)

    // The kept original is offered with the entry on the Dossier tab, as the history offers a proof.
    await page.evaluate(`location.hash = '#/leerling/${pupil.id}/dossier'`)
    const entry = page.locator('.dossier-entry').filter({ hasText: 'Nog een bericht over de foto’s' })
    await entry.waitFor()
    const watched = watchTraffic(page)
    const download = page.waitForEvent('download')
    await entry.getByRole('button', { name: /^E-mail: Aantekeningen\.eml \(\d+ kB, van .*\) downloaden$/ }).click()
    expect(readFileSync(await (await download).path()).equals(big)).toBe(true)
    watched.stop()
    expect(watched.calls.filter((c) => c.includes('"method":"mail.get"')).map((c) => c.length < 10_000)).toEqual([true])
    expect(app.pageErrors).toEqual([])
  })

  it('a mail dropped on the Leerlingen list suggests the pupil by the sender; opening it shows the mail there', async () => {
    const { page } = app
    await page.evaluate(`location.hash = '#/leerlingen'`)
    await page.locator('table.list').waitFor()
    await page.locator('.page-fill').dispatchEvent('drop', { dataTransfer: await dropOf(page, fromMother()) })
    const suggestions = page.getByRole('status', { name: 'Leerlingen bij deze e-mail' })
    await suggestions.waitFor()
    const name = [pupil.firstName, pupil.lastNamePrefix, pupil.lastName].filter(Boolean).join(' ')
    await suggestions.getByRole('link', { name: new RegExp(`^${name}`) }).click()
    const panel = page.getByRole('region', { name: 'E-mail van een ouder' })
    await panel.locator('pre.mail-text').waitFor()
    expect(await panel.innerText()).toContain(`Dit is ${mother.name}.`)
  })
})
