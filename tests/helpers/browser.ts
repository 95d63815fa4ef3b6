// Debian's Chromium driven by playwright-core, against the web harness on a real SQLite file.
// No vitest import here: scripts/screenshots.ts uses the same launch and app helpers.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core'
import type { Desktop } from '../../electron/core/context.ts'
import { startHarness, type Harness } from '../../electron/web-harness.ts'
import { silenceLog } from '../../electron/core/log.ts'

silenceLog()

/** Debian's chromium; CHROMIUM_PATH overrides it (e.g. to check the skip and CI paths). */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

export const VIEWPORT = { width: 1280, height: 800 } as const

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a loud warning,
 * except under CI=true, where a missing Chromium fails the run.
 */
export function browserTestsEnabled(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  const install = 'apt-get install -y --no-install-recommends chromium'
  if (process.env['CI'] === 'true') {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: the browser tests (${suite}) must run in CI. Install it: ${install}`)
  }
  console.warn(`\n!!!!! WARNING: browser tests SKIPPED (${suite}): Chromium not found at ${CHROMIUM_PATH}. Install it: ${install} !!!!!\n`)
  return false
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`)
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

export interface AppSession {
  harness: Harness
  context: BrowserContext
  page: Page
  /** The SQLite file behind this session. */
  dbPath: string
  /** Uncaught errors and console errors of the page: a test expects none. */
  pageErrors: string[]
  /** Stops the harness (closing the database); the file stays until close(). */
  stopHarness(): Promise<void>
  /** Closes the page and the harness, and removes the temporary folder (with the database, unless given). */
  close(): Promise<void>
}

/**
 * A harness on a fresh temporary SQLite file (or `dbPath`), and a 1280x800 page showing the app.
 * The harness serves its own copy of the built renderer: another test run rebuilding out/web
 * meanwhile (its globalSetup empties the folder) cannot pull the files from under this page.
 */
export async function openApp(
  browser: Browser,
  /**
   * bypassCsp: let a test inject a script (axe-core) past the page's own CSP. desktop: the page as
   * the desktop app shows it (a window.api as the preload gives it, calling the same core), with
   * the save dialog and viewer the test answers.
   */
  options: { dbPath?: string; now?: () => Date; staticDir?: string; bypassCsp?: boolean; desktop?: Desktop } = {},
): Promise<AppSession> {
  const builtDir = options.staticDir ?? 'out/web'
  if (!existsSync(join(builtDir, 'index.html'))) throw new Error(`No built renderer in ${builtDir}`)
  const dir = mkdtempSync(join(tmpdir(), 'toestemmingsregister-e2e-'))
  const staticDir = join(dir, 'web')
  cpSync(builtDir, staticDir, { recursive: true })
  const dbPath = options.dbPath ?? join(dir, 'school.sqlite')
  const harness = await startHarness({ dbPath, staticDir, now: options.now, ...(options.desktop ? { desktop: options.desktop } : {}) })
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', bypassCSP: options.bypassCsp ?? false })
  // Fail on the step that waits, with what it waited for, well before the test's own timeout.
  context.setDefaultTimeout(5_000)
  if (options.desktop) await context.addInitScript(DESKTOP_PRELOAD)
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const url = m.location().url
    // Chromium's notes on our own page, not faults: the CSP's frame-ancestors only counts as a
    // header (it stays in index.html for Electron), and the harness serves no favicon.
    if (m.text().includes("directive 'frame-ancestors' is ignored") || url.endsWith('/favicon.ico')) return
    pageErrors.push(url ? `${m.text()} (${url})` : m.text())
  })
  await page.goto(harness.appUrl)

  let harnessOpen = true
  const stopHarness = async (): Promise<void> => {
    if (!harnessOpen) return
    harnessOpen = false
    await harness.close()
  }
  return {
    harness,
    context,
    page,
    dbPath,
    pageErrors,
    stopHarness,
    close: async () => {
      await context.close()
      await stopHarness()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Runs in the page before its scripts: a window.api with the preload's invoke, over the harness's
 * /api with its token (from the address on the first load). No registerFile or progress events:
 * files go up as in the harness, progress is asked for.
 */
const DESKTOP_PRELOAD = `(() => {
  const token = /token=([\\w-]+)/.exec(location.hash)?.[1] ?? sessionStorage.getItem('harness-token') ?? ''
  const invoke = async (method, input) => {
    const res = await fetch('/api', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Harness-Token': token }, body: JSON.stringify({ method, input }) })
    return res.json()
  }
  Object.defineProperty(window, 'api', { value: { invoke } })
})()`

/** The app with the demo school opened through the welcome screen, as a newcomer does, on Leerlingen. */
export async function openDemoApp(browser: Browser, options: Parameters<typeof openApp>[1] = {}): Promise<AppSession> {
  const app = await openApp(browser, options)
  await app.page.getByRole('button', { name: 'Demoschool openen' }).click()
  await app.page.getByRole('heading', { name: 'Leerlingen', level: 1 }).waitFor()
  return app
}

/** What a page sends while it is watched: the API calls' bodies and the names of the files uploaded (the harness's POST /upload). */
export function watchTraffic(page: Page): { calls: string[]; uploads: string[]; stop: () => void } {
  const calls: string[] = []
  const uploads: string[] = []
  const watch = (r: Request): void => {
    if (r.url().endsWith('/api')) calls.push(r.postData() ?? '')
    if (r.url().endsWith('/upload')) uploads.push(decodeURIComponent(r.headers()['x-file-name'] ?? ''))
  }
  page.on('request', watch)
  return { calls, uploads, stop: () => page.off('request', watch) }
}

/**
 * Presses keys on the focused element all in one task, so no frame is drawn between them: the user or a busy PC
 * typing faster than the screen draws. Each key goes to whatever has focus after the key before it.
 */
export async function pressWithinOneFrame(page: Page, keys: readonly string[]): Promise<void> {
  await page.evaluate(`for (const key of ${JSON.stringify(keys)}) document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))`)
}
