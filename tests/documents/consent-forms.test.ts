import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DEFAULT_INTRO } from '../../electron/core/documents/consent-form.ts'
import { chooseFile } from '../helpers/chosen-file.ts'
import { ok } from '../helpers/register.ts'
import { documentSchool, make, makePng, pdfFonts, pdfPages, renderPng, wordBoxes } from './helpers.ts'

const PNG_LOGO = makePng(40, 20)

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('consent forms', () => {
  it('prints every pupil of the group on a page of their own, pre-filled, with diacritics intact', async () => {
    const s = await documentSchool()
    const pdf = await make(s.core, 'documents.consentForms', { groupIds: [s.group.id] })
    const pages = await pdfPages(pdf)
    const pupils = [
      { name: 'Daan de Vries', code: (await ok(s.core, 'pupils.get', { id: s.daan.id })).formCode, born: '15-06-2017', guardians: [] as string[] },
      { name: 'Łukasz Nguyễn', code: s.lukasz.formCode, born: '03-02-2017', guardians: ['Thanh Nguyễn (moeder)'] },
      { name: 'Zoë van der Berg', code: s.zoe.formCode, born: '07-04-2017', guardians: ['Marieke van der Berg (moeder)', 'Ömer Yılmaz (vader)'] },
      { name: 'Ömer Yılmaz', code: s.omer.formCode, born: '31-12-2016', guardians: ['Łucja Yılmaz (moeder)'] },
    ]
    // In name order as a Dutch list sorts: Berg, Nguyễn, Vries, Yılmaz.
    expect(pages).toHaveLength(4)
    const order = ['Zoë van der Berg', 'Łukasz Nguyễn', 'Daan de Vries', 'Ömer Yılmaz']
    pages.forEach((text, i) => {
      const p = pupils.find((x) => x.name === order[i])
      if (!p) throw new Error(order[i])
      // The pupil block: name, birth date and group on one line, the guardians below.
      expect(/Leerling Geboortedatum Groep\n(.+)\n/.exec(text)?.[1]).toBe(`${p.name} ${p.born} 5`)
      expect(text).toContain(p.code)
      expect(/Ouders\/verzorgers\n(.+)\n/.exec(text)?.[1]).toBe(p.guardians.join(', ') || 'Niet bekend: vul hieronder uw naam in.')
      for (const other of pupils.filter((x) => x !== p)) expect(text).not.toContain(other.code)
      expect(text).toContain(`pagina ${i + 1} van 4`)
      expect(text).toContain('Gemaakt op 22-11-2026 om 10:30')
      expect(text).toContain('OBS De Linde')
      expect(text).toContain('Schooljaar 2026-2027')
    })
  })

  it('asks every active purpose with its description and a Ja and a Nee box, the rules, and signature lines for two guardians', async () => {
    const s = await documentSchool()
    await ok(s.core, 'purposes.save', { id: s.purpose('press').id, rowVersion: s.purpose('press').rowVersion, active: false })
    const [page] = await pdfPages(await make(s.core, 'documents.consentForms', { pupilIds: [s.zoe.id] }))
    const text = (page ?? '').replace(/\s+/g, ' ')
    for (const p of s.purposes.filter((x) => x.code !== 'press')) {
      expect(text).toContain(p.label)
      expect(text).toContain(p.description)
    }
    expect(text).not.toContain(s.purpose('press').label)
    // One 'Ja Nee' pair per purpose, and the pair in the table's head.
    expect(text.match(/Ja Nee/g)).toHaveLength(s.purposes.length - 1 + 1)
    expect(text).toContain('U kunt uw toestemming altijd intrekken')
    expect(text).toContain('alleen voor beelden die door of in opdracht van de school worden gemaakt')
    expect(text).toContain(DEFAULT_INTRO.split('\n')[1]?.slice(0, 40))
    expect(text.match(/Ouder\/verzorger [12]/g)).toEqual(['Ouder/verzorger 1', 'Ouder/verzorger 2'])
    expect(text.match(/Handtekening/g)).toHaveLength(2)
    expect(text.match(/Datum/g)).toHaveLength(2)
  })

  it("uses the school's own intro text and logo", async () => {
    const s = await documentSchool()
    await ok(s.core, 'documents.saveSettings', { formIntro: 'Beste ouders van De Linde,\nWij vragen uw toestemming. Één formulier per kind.', logo: chooseFile(s.core, 'logo.png', PNG_LOGO) })
    const pdf = await make(s.core, 'documents.consentForms', { pupilIds: [s.zoe.id] })
    const [text] = await pdfPages(pdf)
    expect(text).toContain('Wij vragen uw toestemming. Één formulier per kind.')
    expect(text).not.toContain(DEFAULT_INTRO.split('\n')[1]?.slice(0, 40))
    const dir = mkdtempSync(join(tmpdir(), 'tr-img-'))
    dirs.push(dir)
    const file = join(dir, 'f.pdf')
    writeFileSync(file, pdf)
    const images = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
    expect(images).toHaveLength(1)
    expect(images[0]).toMatch(/\s40\s+20\s+rgb/)
  })

  it('embeds its fonts: no built-in Helvetica that would garble Yılmaz', async () => {
    const s = await documentSchool()
    const fonts = pdfFonts(await make(s.core, 'documents.consentForms', { groupIds: [s.group.id] }))
    expect(fonts.length).toBeGreaterThan(0)
    for (const f of fonts) {
      expect(f.name).toMatch(/DejaVuSansCondensed/)
      expect(f).toMatchObject({ embedded: true, unicode: true })
    }
  })

  it('carries a QR code that a scanner reads as the form code (with sheet and layout), and that text finds the pupil', async () => {
    const s = await documentSchool()
    const pdf = await make(s.core, 'documents.consentForms', { pupilIds: [s.lukasz.id] })
    const dir = mkdtempSync(join(tmpdir(), 'tr-qr-'))
    dirs.push(dir)
    const [png] = renderPng(pdf, dir, { dpi: 100 })
    if (!existsSync('/usr/bin/zbarimg')) throw new Error('zbarimg (apt-get install zbar-tools) is needed to read the QR code back')
    const scanned = execFileSync('zbarimg', ['-q', '--raw', png as string], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    expect(scanned).toMatch(new RegExp(`^${s.lukasz.formCode} 1/1 1[0-9A-Z]{5}$`))
    const hits = await ok(s.core, 'pupils.search', { query: scanned })
    expect(hits.map((h) => h.id)).toEqual([s.lukasz.id])
  })

  it('prints only pupils without a current answer for the chosen purposes', async () => {
    const s = await documentSchool()
    // contact_list: Zoë and Ömer answered; Łukasz and Daan did not.
    const pages = await pdfPages(await make(s.core, 'documents.consentForms', { groupIds: [s.group.id], onlyWithoutAnswer: true, purposeIds: [s.purpose('contact_list').id] }))
    expect(pages.map((p) => /Leerling Geboortedatum Groep\n(.+?) \d\d-/.exec(p)?.[1])).toEqual(['Łukasz Nguyễn', 'Daan de Vries'])
    // All purposes: only Zoë answered every one.
    const all = await pdfPages(await make(s.core, 'documents.consentForms', { groupIds: [s.group.id], onlyWithoutAnswer: true }))
    expect(all).toHaveLength(3)
    expect(all.join('\n')).not.toContain('Zoë van der Berg')
    // Everyone answered: a clear message, no PDF.
    const r = await s.core.dispatch('documents.consentForms', { pupilIds: [s.zoe.id], onlyWithoutAnswer: true })
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: 'Deze leerling heeft al een antwoord voor deze doelen. Er zijn geen formulieren nodig.' } })
  })

  it('prints several groups or the whole school as one PDF, group by group, each after a cover page', async () => {
    const s = await documentSchool()
    const pages = await pdfPages(await make(s.core, 'documents.consentForms', {}))
    expect(pages).toHaveLength(7)
    expect(pages[0]).toContain('Groep 5')
    expect(pages[0]).toContain('Juf Iris')
    expect(pages[0]).toContain('4 formulieren, één per leerling')
    expect(pages[0]).toContain('Voorblad: niet inleveren')
    expect(pages[5]).toContain('Groep 6')
    expect(pages[5]).toContain('Meester Rob')
    expect(pages[5]).toContain('1 formulier, één per leerling')
    expect(pages.at(-1)).toContain('Sanne Jansen')
    const two = await pdfPages(await make(s.core, 'documents.consentForms', { groupIds: [s.group6.id, s.group.id] }))
    expect(two).toHaveLength(7)
    // One group: no cover page.
    expect(await pdfPages(await make(s.core, 'documents.consentForms', { groupIds: [s.group.id] }))).toHaveLength(4)
  })

  it('names the file after what it holds: one form singular, and only the pupils without an answer when so', async () => {
    const s = await documentSchool()
    const name = async (input: Parameters<typeof make<'documents.consentForms'>>[2]) => ((await ok(s.core, 'documents.consentForms', input)) as { fileName: string }).fileName
    expect(await name({ pupilIds: [s.zoe.id] })).toBe('toestemmingsformulier-Zoe-van-der-Berg-2026-11-22.pdf')
    expect(await name({ groupIds: [s.group.id] })).toBe('toestemmingsformulieren-groep-5-2026-11-22.pdf')
    expect(await name({ groupIds: [s.group.id], onlyWithoutAnswer: true })).toBe('toestemmingsformulieren-groep-5-alleen-zonder-antwoord-2026-11-22.pdf')
    expect(await name({})).toBe('toestemmingsformulieren-hele-school-2026-11-22.pdf')
    const list = (await ok(s.core, 'documents.noConsentList', { groupIds: [s.group.id], only: 'refused' })) as { fileName: string }
    expect(list.fileName).toBe('wie-mag-niet-op-de-foto-groep-5-alleen-geweigerd-2026-11-22.pdf')
  })

  it('refuses a group with no pupils with a clear message instead of an empty PDF', async () => {
    const s = await documentSchool()
    const r = await s.core.dispatch('documents.consentForms', { groupIds: [s.group7.id] })
    expect(r).toEqual({
      ok: false,
      error: { code: 'validation', field: 'groupIds', message: 'Groep 7 heeft geen leerlingen. Voeg eerst leerlingen toe aan deze groep, of kies een andere groep.' },
    })
    expect(await s.core.dispatch('documents.consentForms', { groupIds: [9999] })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('fits the purposes on one page, and their boxes never run into the signature lines', async () => {
    const s = await documentSchool()
    const pdf = await make(s.core, 'documents.consentForms', { groupIds: [s.group.id] })
    const words = wordBoxes(pdf)
    for (let page = 1; page <= 4; page++) {
      const on = words.filter((w) => w.page === page)
      const lastBox = Math.max(...on.filter((w) => w.text === 'Nee').map((w) => w.yMax))
      const signature = Math.min(...on.filter((w) => w.text === 'Ouder/verzorger').map((w) => w.yMin))
      expect(lastBox).toBeLessThan(signature)
    }
  })

  it('with many purposes, goes on over a second sheet in a readable size, signatures under the last purpose', async () => {
    const s = await documentSchool()
    for (let i = 1; i <= 8; i++) {
      await ok(s.core, 'purposes.save', {
        label: `Extra doel ${i} met een wat langere naam`,
        description: 'Een omschrijving die zo lang is dat hij over twee regels loopt op het formulier, zodat de pagina vol raakt en het formulier verder moet op een tweede blad.',
      })
    }
    const pdf = await make(s.core, 'documents.consentForms', { pupilIds: [s.zoe.id, s.lukasz.id] })
    const pages = await pdfPages(pdf)
    expect(pages).toHaveLength(4)
    expect(pages[0]).toContain(`Formulier ${s.zoe.formCode}, blad 1 van 2`)
    expect(pages[1]).toContain("Toestemming voor foto's en video's (vervolg)")
    expect(pages[1]).toContain('Zoë van der Berg · groep 5 · vervolg van het formulier')
    expect(pages[1]).toContain(s.zoe.formCode)
    expect(pages[3]).toContain(`Formulier ${s.lukasz.formCode}, blad 2 van 2`)
    const all = pages.join('\n')
    for (let i = 1; i <= 8; i++) expect(all.match(new RegExp(`Extra doel ${i} met`, 'g'))).toHaveLength(2)
    expect(pages[0]).not.toContain('Handtekening')
    expect(pages[1]?.match(/Handtekening/g)).toHaveLength(2)
    const words = wordBoxes(pdf)
    for (const page of [1, 2, 3, 4]) {
      const on = words.filter((w) => w.page === page)
      const lastBox = Math.max(...on.filter((w) => w.text === 'Nee').map((w) => w.yMax))
      const footer = Math.min(...on.filter((w) => w.text === 'Formulier').map((w) => w.yMin))
      expect(lastBox).toBeLessThan(footer)
      // Math.min of nothing is Infinity: a sheet without signatures passes this check.
      expect(lastBox).toBeLessThan(Math.min(...on.filter((w) => w.text === 'Ouder/verzorger').map((w) => w.yMin)))
    }
  })
})
