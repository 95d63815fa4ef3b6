// A pupil page that stayed open while someone else changed the pupil: its save is refused with
// the Dutch conflict message and the other change stays, even after the page reloaded the pupil
// for another reason (a guardian saved) and so holds the newer version.
import { describe, expect, it } from 'vitest'
import type { PupilDetail, PupilHit } from '../../shared/domain.ts'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'

describe.skipIf(!browserTestsEnabled('stale screens'))('a screen opened before someone else saved', () => {
  const app = demoAppForSuite()

  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await app.harness.core.dispatch(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as T
  }

  it('the pupil form does not save its old values over a newer change, and says so', async () => {
    const { page } = app
    await page.keyboard.press('Control+K')
    await page.keyboard.type('zoe')
    await page.getByRole('option').first().waitFor()
    await page.keyboard.press('Enter')
    await page.locator('.consent-grid').waitFor()
    await page.getByRole('tab', { name: 'Gegevens en ouders' }).click()
    const form = page.locator('form.card', { hasText: 'Gegevens van de leerling' })
    await form.waitFor()
    const name = (await page.getByRole('heading', { level: 1 }).innerText()).trim()
    const [hit] = await call<PupilHit[]>('pupils.search', { query: 'zoe' })
    const shown = await call<PupilDetail>('pupils.get', { id: hit?.id })
    expect(name).toContain(shown.firstName)

    // Another window gives the pupil a new student number while this page is open.
    await call('pupils.save', { id: shown.id, version: shown.version, studentNumber: '99001' })
    // Saving a guardian here reloads the pupil (now with the newer version) under the open form.
    await page.getByRole('button', { name: 'Wijzigen' }).first().click()
    await page.locator('form.guardian-editor').getByRole('button', { name: 'Opslaan' }).click()
    await page.locator('form.guardian-editor').waitFor({ state: 'detached' })

    await form.locator('input[name="leavingReason"]').fill('verhuisd')
    await form.getByRole('button', { name: 'Opslaan' }).click()
    const alert = form.getByRole('alert')
    await alert.waitFor()
    expect(await alert.innerText()).toContain('intussen door iemand anders gewijzigd')
    expect(await alert.innerText()).toContain('niet opgeslagen')
    expect(await call<PupilDetail>('pupils.get', { id: shown.id })).toMatchObject({ studentNumber: '99001', leavingReason: '' })

    // After a reload the page shows the other change and saves.
    await page.reload()
    await form.waitFor()
    expect(await form.locator('input[name="studentNumber"]').inputValue()).toBe('99001')
    await form.locator('input[name="leavingReason"]').fill('verhuisd')
    await form.getByRole('button', { name: 'Opslaan' }).click()
    await form.getByRole('status').filter({ hasText: 'Opgeslagen' }).waitFor()
    expect(await call<PupilDetail>('pupils.get', { id: shown.id })).toMatchObject({ studentNumber: '99001', leavingReason: 'verhuisd' })
    expect(app.pageErrors).toEqual([])
  })
})
