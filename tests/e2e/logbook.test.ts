// The Logboek as the office reads it: filtered on one pupil, plain sentences with names, no
// internal code anywhere on the page, search and paging from the keyboard.
import { describe, expect, it } from 'vitest'
import type { PupilDetail, PupilSummary } from '../../shared/domain.ts'
import { browserTestsEnabled } from '../helpers/browser.ts'
import { demoAppForSuite } from '../helpers/demo-suite.ts'

/** What must never be shown: action codes, ids and raw objects. */
const INTERNAL = /\b(consent|pupil|guardian|dossier|settings|school|group|purpose|campaign|import|retention|schoolyear)\.[a-z_]+\b|\w+Id\b|\[object Object\]|[{}]/

describe.skipIf(!browserTestsEnabled('logbook'))('the Logboek', () => {
  const app = demoAppForSuite()

  it('filtered on one pupil, reads plain sentences with the names, and shows no internal code', async () => {
    const { page, harness } = app
    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const r = await harness.core.dispatch(method, input)
      if (!r.ok) throw new Error(r.error.message)
      return r.value as T
    }
    const [first] = await call<PupilSummary[]>('pupils.list', {})
    const pupil = await call<PupilDetail>('pupils.get', { id: first?.id })
    const guardian = pupil.guardians[0]
    const purposes = await call<{ id: number; label: string }[]>('purposes.list', {})
    await call('consent.record', {
      pupilId: pupil.id,
      guardianId: guardian?.id ?? null,
      effectiveFrom: '2026-11-20',
      source: 'email',
      decisions: [{ purposeId: purposes[0]?.id, decision: 'refused' }],
      consentStamp: pupil.consentStamp,
    })
    await call('pupils.save', { id: pupil.id, version: pupil.version, leavingReason: 'verhuisd naar Zwolle' })
    // Enough consent answers for more than one page (50 lines).
    for (const p of (await call<PupilSummary[]>('pupils.list', {})).slice(1, 61)) {
      const d = await call<PupilDetail>('pupils.get', { id: p.id })
      await call('consent.record', { pupilId: p.id, guardianId: null, effectiveFrom: '2026-11-20', source: 'paper_form', decisions: [{ purposeId: purposes[1]?.id, decision: 'granted' }], consentStamp: d.consentStamp })
    }
    const name = [pupil.firstName, pupil.lastNamePrefix, pupil.lastName].filter(Boolean).join(' ')

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Logboek' }).click()
    await page.getByRole('heading', { name: 'Logboek', level: 1 }).waitFor()
    await page.getByRole('cell').first().waitFor()
    expect(await page.locator('main').innerText()).not.toMatch(INTERNAL)

    await page.getByRole('combobox', { name: /^Leerling/ }).selectOption({ value: String(pupil.id) })
    await expect.poll(() => page.locator('main').innerText()).toContain('reden van vertrek')
    const text = await page.locator('main').innerText()
    expect(text).toContain(`Toestemming voor '${purposes[0]?.label}' van ${name} vastgelegd: geweigerd`)
    expect(text).toContain(`antwoord van ${guardian?.name} via e-mail, gaat in op 20-11-2026`)
    expect(text).toContain(`Gegevens van ${name} gewijzigd: reden van vertrek van leeg in 'verhuisd naar Zwolle'.`)
    expect(text).not.toMatch(INTERNAL)

    // The search box and the kind filter, from the keyboard.
    await page.getByRole('combobox', { name: /^Leerling/ }).selectOption({ value: '' })
    await page.locator('main').getByRole('searchbox').focus()
    await page.keyboard.type('Zwolle')
    await expect.poll(() => page.getByRole('status').innerText()).toContain('1 wijziging')
    await page.locator('main').getByRole('searchbox').fill('')
    await page.getByRole('combobox', { name: /^Soort wijziging/ }).selectOption({ label: 'Toestemming' })
    await expect.poll(() => page.locator('main tbody tr').first().innerText()).toContain('Toestemming voor')
    const status = await page.getByRole('status').innerText()
    const total = Number(/^(\d+)/.exec(status)?.[1])
    expect(total).toBeGreaterThan(50)
    expect(status).toContain(`pagina 1 van ${Math.ceil(total / 50)}`)
    await page.getByRole('button', { name: 'Volgende pagina' }).click()
    await expect.poll(() => page.getByRole('status').innerText()).toContain('pagina 2 van')
    expect(await page.locator('main').innerText()).not.toMatch(INTERNAL)
    expect(app.pageErrors).toEqual([])
  })

  it("opens filtered on one pupil from the address a pupil's page links to", async () => {
    const { page, harness } = app
    const list = await harness.core.dispatch('pupils.list', {})
    const pupil = (list.ok ? (list.value as PupilSummary[]) : [])[2]
    expect(pupil).toBeDefined()
    // From the pupil's own page, as the office would come: the link there is this address.
    await page.evaluate(`location.hash = '#/leerling/${pupil?.id}/logboek'`)
    await page.getByRole('tab', { name: 'Logboek' }).waitFor()
    await page.evaluate(`location.hash = '#/logboek?leerling=${pupil?.id}'`)
    await page.getByRole('heading', { name: 'Logboek', level: 1 }).waitFor()
    // The pupil's option is there once the list of pupils has come in.
    await expect.poll(() => page.getByRole('combobox', { name: /^Leerling/ }).inputValue()).toBe(String(pupil?.id))
    expect(app.pageErrors).toEqual([])
  })
})
