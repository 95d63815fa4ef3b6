// The retention screen: what goes, the removal, and which backups were rewritten or still hold the data.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCore } from '../../electron/core/boot.ts'
import { browserTestsEnabled, launchBrowser, openApp, type AppSession } from '../helpers/browser.ts'
import { ok } from '../helpers/register.ts'
import { pupilLeaves } from '../helpers/leavers.ts'

describe.skipIf(!browserTestsEnabled('retention'))('removal after the retention period', () => {
  let browser: Browser
  let app: AppSession
  let dir: string

  beforeAll(async () => {
    // The demo school with one pupil who left in 2026, and two backups from before the removal.
    dir = mkdtempSync(join(tmpdir(), 'tr-retention-e2e-'))
    const dbPath = join(dir, 'school.sqlite')
    let clock = new Date('2026-09-01T08:00:00Z')
    const core = openCore({ dbPath, appVersion: 'test', now: () => clock })
    await ok(core, 'settings.update', { schoolYear: '2026-2027' })
    await ok(core, 'school.setup', { mode: 'demo' })
    const [first] = await ok(core, 'pupils.list', {})
    if (!first) throw new Error('no pupils')
    await ok(core, 'backups.create', {})
    await pupilLeaves(core, first.id, '2026-09-30')
    clock = new Date('2026-10-01T08:00:00Z')
    await ok(core, 'backups.create', {})
    core.close()
    browser = await launchBrowser()
    app = await openApp(browser, { dbPath, now: () => new Date('2028-10-15T09:00:00Z') })
  })
  afterAll(async () => {
    await app?.close()
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('removes what is due, says which backups were rewritten, and which one still holds the data until when', async () => {
    const { page } = app
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.accept()
    })
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Schooljaar' }).click()
    await page.getByRole('link', { name: 'Bewaartermijnen' }).click()
    await page.getByRole('heading', { name: 'Te verwijderen' }).waitFor()
    expect(await page.getByText('blijft 7 dagen bewaard en wordt daarna bij de eerste start gewist').count()).toBe(1)
    await page.getByRole('button', { name: 'Deze gegevens verwijderen' }).click()
    // The app's own dialog says what goes, by name; 'Annuleren' removes nothing.
    const confirm = page.getByRole('dialog')
    expect(await confirm.innerText()).toContain('Van 1 oud-leerling worden de gegevens hieronder definitief verwijderd')
    expect(await confirm.innerText()).toContain('Oudere reservekopieën worden zonder deze gegevens herschreven')
    await confirm.getByRole('button', { name: 'Annuleren' }).click()
    await confirm.waitFor({ state: 'detached' })
    expect(await page.getByRole('heading', { name: 'Te verwijderen' }).count()).toBe(1)
    await page.getByRole('button', { name: 'Deze gegevens verwijderen' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Definitief verwijderen' }).click()
    const status = page.getByRole('status').filter({ hasText: 'Verwijderd: gegevens van 1 leerling' })
    await status.waitFor()
    expect(dialogs).toEqual([]) // no browser confirm
    expect(await status.innerText()).toContain('2 oudere reservekopieën zijn herschreven zonder deze gegevens')
    expect(await status.innerText()).toContain('wordt op 22-10-2028 gewist')
    const held = page.getByRole('list', { name: 'Reservekopieën met verwijderde gegevens' })
    await held.waitFor()
    expect(await held.innerText()).toMatch(/retention\.sqlite: gemaakt vlak vóór het verwijderen, bevat de verwijderde gegevens nog; wordt op 22-10-2028 gewist/)
    expect(await page.getByText('Er zijn geen gegevens waarvan de bewaartermijn verstreken is.').count()).toBe(1)
    expect(app.pageErrors).toEqual([])
  })
})
