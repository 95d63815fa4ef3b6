// Restoring from a file on the Reservekopieen page, in the browser: the chosen database goes up
// once (the harness's upload, a token back) and the core restores it where it lies; no call to the
// core carries the database's bytes.
import { describe, expect, it } from 'vitest'
import { browserTestsEnabled, watchTraffic } from '../helpers/browser.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'

describe.skipIf(!browserTestsEnabled('restore from a file'))('restore from a file', () => {
  const app = demoAppForSuite()

  it('a database chosen in the page is uploaded once and restored by token; the register has its state again', async () => {
    const { page, harness } = app
    const before = await harness.core.dispatch('settings.get', {})
    const exported = (await harness.core.dispatch('backups.export', { delivery: 'data' })) as { ok: true; value: { data: string } }
    expect(exported.ok).toBe(true)
    const bytes = Buffer.from(exported.value.data, 'base64')
    expect((await harness.core.dispatch('settings.update', { schoolName: 'Later veranderd' })).ok).toBe(true)

    const { calls, uploads } = watchTraffic(page)
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Reservekopieën' }).click()
    await page.locator('input[type=file][accept=".sqlite,.db"]').setInputFiles({ name: 'van de stick.sqlite', mimeType: 'application/octet-stream', buffer: bytes })
    await page.getByRole('dialog').getByRole('button', { name: 'Vervangen' }).click()
    await page.getByRole('status').filter({ hasText: 'van de stick.sqlite is teruggezet' }).waitFor({ timeout: 30_000 })
    await page.screenshot({ path: 'test-results/terugzetten-uit-bestand.png' }).catch(() => undefined)

    expect(await harness.core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { schoolName: (before as { value: { schoolName: string } }).value.schoolName } })
    expect(uploads).toEqual(['van de stick.sqlite'])
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThan(10_000)
    expect(app.pageErrors).toEqual([])
  }, 60_000)
})
