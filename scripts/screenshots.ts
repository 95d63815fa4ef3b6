// Screenshots of the demo school for the README and for reviewing the screens at 1280x800.
// Uses the renderer already built in out/web (`npm run screenshots` builds it first) and
// writes docs/screenshots/{welcome,leerlingen,groepen,instellingen}.png.
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchBrowser, openApp } from '../tests/helpers/browser.ts'

const STATIC_DIR = resolve('out/web')
const OUT_DIR = resolve('docs/screenshots')
// A fixed folder and clock, so that the pictures only change when the screens do.
const WORK_DIR = join(tmpdir(), 'toestemmingsregister-screenshots')
const NOW = new Date('2026-11-22T09:30:00Z')

if (!existsSync(join(STATIC_DIR, 'index.html'))) {
  console.error(`No built renderer in ${STATIC_DIR}. Build it first: npx vite build --config renderer/vite.config.mts`)
  process.exit(1)
}

async function shoot(page: Page, name: string): Promise<void> {
  // Let fonts and layout settle, and keep the caret and hover out of the picture.
  await page.evaluate('document.fonts.ready')
  await page.mouse.move(0, 0)
  const file = join(OUT_DIR, `${name}.png`)
  await page.screenshot({ path: file, caret: 'hide', animations: 'disabled' })
  console.log(`saved ${file}`)
}

async function goTo(page: Page, link: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: link }).click()
  await page.getByRole('heading', { name: link, level: 1 }).waitFor()
}

rmSync(WORK_DIR, { recursive: true, force: true })
mkdirSync(OUT_DIR, { recursive: true })
const browser = await launchBrowser()
try {
  const app = await openApp(browser, { dbPath: join(WORK_DIR, 'school.sqlite'), now: () => NOW, staticDir: STATIC_DIR })
  try {
    const { page } = app
    await page.getByRole('heading', { name: 'Welkom bij Toestemmingsregister' }).waitFor()
    await shoot(page, 'welcome')

    await page.getByRole('button', { name: 'Demoschool openen' }).click()
    await page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
    await page.locator('table tbody tr').first().waitFor()
    await shoot(page, 'leerlingen')

    await goTo(page, 'Instellingen')
    await page.getByRole('heading', { name: 'Over dit programma' }).waitFor()
    await shoot(page, 'instellingen')

    // The pupil page with the consent grid, found the way the desk finds a pupil.
    await page.keyboard.press('Control+K')
    await page.keyboard.type('zoe')
    await page.getByRole('option').first().waitFor()
    await page.keyboard.press('Enter')
    await page.locator('.consent-grid').waitFor()
    await page.getByRole('radio', { name: 'Website van de school: Nee' }).check()
    await page.getByRole('radio', { name: 'Nieuwsbrief: Ja' }).check()
    await shoot(page, 'toestemming')

    await goTo(page, 'Groepen')
    await page.locator('table.groups-overview tbody tr').first().waitFor()
    await shoot(page, 'groepen')
    await page.locator('table.groups-overview a', { hasText: '5' }).click()
    await page.locator('table.matrix').waitFor()
    await shoot(page, 'groep')

    await goTo(page, 'Geen toestemming')
    await page.locator('.no-consent[aria-busy=false]').waitFor()
    await shoot(page, 'geen-toestemming')

    await goTo(page, 'Importeren')
    await page.locator('input[type=file]').first().setInputFiles(['tests/fixtures/imports/administratie-export.xlsx', 'tests/fixtures/imports/oud-formaat.xls'])
    await page.getByText('In orde:').first().waitFor()
    await shoot(page, 'importeren')

    await goTo(page, 'Schooljaar')
    await shoot(page, 'schooljaar')

    if (app.pageErrors.length > 0) throw new Error(`errors in the page:\n${app.pageErrors.join('\n')}`)
  } finally {
    await app.close()
  }
} finally {
  await browser.close()
  rmSync(WORK_DIR, { recursive: true, force: true })
}
