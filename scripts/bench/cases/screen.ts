// The screen in real Chromium (Debian's, through playwright-core) on the register of 10,000, served
// by the web harness as the browser tests serve it: time from opening the page to its first rows
// painted (Leerlingen, Geen toestemming for the whole school), and from a keystroke to its results
// painted (Ctrl+K search, the list filter). Measured inside the page: performance.now() at the
// navigation or the input event, then the DOM shows the result (a MutationObserver), then the
// frame that paints it (requestAnimationFrame, then a task after it). Baseline: the same Chromium
// drawing a plain table of 40 rows, and redrawing 8 results per keystroke, without the app.
import { copyFileSync, existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { NOW } from '../../../tests/helpers/bench-files.ts'
import { median, percentile } from '../../../tests/helpers/stats.ts'
import { baselineSeries, row, series, under, type BenchCase, type Samples } from '../types.ts'

/** Page opens per run (the median counts) and keystrokes typed per run. */
const OPENS = 5

/** In the page: waiting for the DOM, the painted frame, and the two measures. Plain JS: it runs in Chromium. */
const PAGE_HELPERS = `
window.__bench = (() => {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(); c.port2.postMessage(0) }))
  const until = (cond, timeout = 30000) => new Promise((resolve, reject) => {
    if (cond()) return resolve()
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('timeout waiting for the screen')) }, timeout)
    const observer = new MutationObserver(() => { if (cond()) { observer.disconnect(); clearTimeout(timer); resolve() } })
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
  })
  const heading = (text) => () => document.querySelector('h1')?.textContent === text
  // When a keystroke's results are on screen: the answer for what was typed is drawn (aria-busy false).
  const DONE = {
    search: () => document.querySelector('#search-results')?.getAttribute('aria-busy') === 'false',
    filter: () => document.querySelector('[role=region][aria-label="Leerlingen"]')?.getAttribute('aria-busy') === 'false',
    none: () => true,
  }
  // Calls to the core still on their way: a measure starts when the core is idle, as after a pause at the desk.
  let pending = 0
  const fetch = window.fetch.bind(window)
  window.fetch = (...args) => { pending++; return fetch(...args).finally(() => { pending-- }) }
  const idle = async () => { while (pending > 0) await new Promise((r) => setTimeout(r, 5)) }
  return {
    async open(hash, title, firstRow) {
      location.hash = '#/doelen'
      await until(heading('Doelen'))
      await idle()
      await painted()
      performance.mark('bench-open')
      const t0 = performance.now()
      location.hash = hash
      await until(() => heading(title)() && document.querySelector(firstRow) !== null)
      await painted()
      return performance.now() - t0
    },
    async type(inputSelector, value, done) {
      await idle()
      const input = document.querySelector(inputSelector)
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
      performance.mark('bench-key')
      const t0 = performance.now()
      setValue.call(input, value)
      input.dispatchEvent(new Event('input', { bubbles: true }))
      await until(DONE[done])
      await painted()
      return performance.now() - t0
    },
    nodes: () => document.getElementsByTagName('*').length,
  }
})()
`

const PUPIL_ROW = 'table[aria-label="Leerlingen"] tbody tr[aria-rowindex]'
const NO_CONSENT_ROW = '.purpose-list table tbody tr[aria-rowindex]'
const SEARCH = 'input[aria-label="Zoek leerling"]'

const FILTER = 'input[aria-label="Filter de lijst"]'

/** Every prefix of a few pupils' names ('Zoë Yılmaz' as typed): each one still finds its pupil. */
const strokesOf = (names: string[]): string[][] => names.map((n) => Array.from({ length: n.length }, (_, i) => n.slice(0, i + 1)).filter((k) => !k.endsWith(' ')))

async function typeAll(page: Page, input: string, done: 'search' | 'filter', words: string[][]): Promise<number[]> {
  const ms: number[] = []
  for (const prefixes of words) {
    for (const value of prefixes) ms.push(await page.evaluate<number>(`window.__bench.type(${JSON.stringify(input)}, ${JSON.stringify(value)}, ${JSON.stringify(done)})`))
    await page.evaluate(`window.__bench.type(${JSON.stringify(input)}, '', 'none')`)
  }
  return ms
}

async function inApp(dir: string, register: string, runs: number): Promise<Samples> {
  const { launchBrowser, openApp } = await import('../../../tests/helpers/browser.ts')
  // The renderer as it is now, built once per bench run into its folder (the first child builds it).
  const staticDir = join(dir, 'web')
  if (!existsSync(join(staticDir, 'index.html'))) await (await import('vite')).build({ configFile: 'renderer/vite.config.mts', logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } })
  const dbPath = join(dir, `screen-${process.pid}.sqlite`) // the harness holds the file and makes its daily backup beside it
  copyFileSync(register, dbPath)
  const browser = await launchBrowser()
  const app = await openApp(browser, { dbPath, now: () => NOW, staticDir })
  try {
    const { page } = app
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 30_000 })
    await page.evaluate(PAGE_HELPERS)
    const all = await app.harness.core.dispatch('pupils.filter', {})
    if (!all.ok) throw new Error(all.error.message)
    const { pupils } = all.value as { pupils: { firstName: string; lastName: string }[] }
    const words = strokesOf([pupils[1234], pupils[5678], pupils[9012]].map((p) => `${p?.firstName} ${p?.lastName}`))
    const out: Samples = { pupils: [], noConsent: [], searchP50: [], searchP95: [], filterP50: [], filterP95: [], nodes: [], keystrokes: [] }
    const open = (hash: string, title: string, first: string) => page.evaluate<number>(`window.__bench.open(${JSON.stringify(hash)}, ${JSON.stringify(title)}, ${JSON.stringify(first)})`)
    await open('#/leerlingen', 'Leerlingen', PUPIL_ROW) // warm-up: the first open of each screen loads its code
    await open('#/geen-toestemming', 'Geen toestemming', NO_CONSENT_ROW)
    for (let r = 0; r < runs; r++) {
      const lists: number[] = []
      const noConsent: number[] = []
      for (let i = 0; i < OPENS; i++) {
        lists.push(await open('#/leerlingen', 'Leerlingen', PUPIL_ROW))
        noConsent.push(await open('#/geen-toestemming', 'Geen toestemming', NO_CONSENT_ROW))
      }
      out.pupils?.push(median(lists))
      out.noConsent?.push(median(noConsent))
      await open('#/leerlingen', 'Leerlingen', PUPIL_ROW)
      await page.evaluate('new Promise((r) => setTimeout(r, 1500))') // the consent column's answer is in
      out.nodes?.push(await page.evaluate<number>('window.__bench.nodes()'))
      const search = await typeAll(page, SEARCH, 'search', words)
      const filter = await typeAll(page, FILTER, 'filter', words)
      out.searchP50?.push(percentile(search, 0.5))
      out.searchP95?.push(percentile(search, 0.95))
      out.filterP50?.push(percentile(filter, 0.5))
      out.filterP95?.push(percentile(filter, 0.95))
      out.keystrokes?.push(search.length)
    }
    if (app.pageErrors.length > 0) throw new Error(`the page reported errors: ${app.pageErrors.join('; ')}`)
    return out
  } finally {
    await app.close()
    await browser.close()
    rmSync(dbPath, { force: true })
  }
}

/** Chromium alone: a page that draws a table of 40 rows, and one that redraws 8 results per keystroke. */
const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><body><input id="q"><ul id="hits"></ul><div id="box"></div><script>
const names = Array.from({ length: 10000 }, (_, i) => 'Leerling ' + i + ' van der Berg')
document.getElementById('q').addEventListener('input', (e) => {
  const q = e.target.value.toLowerCase()
  document.getElementById('hits').innerHTML = names.filter((n, i) => i < 400 && n.toLowerCase().includes(q)).slice(0, 8).map((n) => '<li>' + n + '</li>').join('')
})
</script>`

async function plainChromium(runs: number, keystrokes: number): Promise<Samples> {
  const { launchBrowser } = await import('../../../tests/helpers/browser.ts')
  const browser = await launchBrowser()
  try {
    const page = await browser.newPage()
    await page.setContent(PLAIN_PAGE)
    const draw = `(() => { const t0 = performance.now(); const rows = Array.from({ length: 40 }, (_, i) => '<tr><td>Berg, Zoë ' + i + '</td><td>5a</td><td>01-01-2018</td><td>' + (100000 + i) + '</td><td>overal ja</td></tr>').join('');
      document.getElementById('box').innerHTML = '<table><tbody>' + rows + '</tbody></table>';
      return new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(performance.now() - t0); c.port2.postMessage(0) })) })()`
    const key = (v: string) => `(() => { const input = document.getElementById('q'); const t0 = performance.now(); input.value = ${JSON.stringify(v)}; input.dispatchEvent(new Event('input'));
      return new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(performance.now() - t0); c.port2.postMessage(0) })) })()`
    const out: Samples = { draw: [], keyP50: [], keyP95: [] }
    await page.evaluate<number>(draw)
    for (let r = 0; r < runs; r++) {
      const draws: number[] = []
      for (let i = 0; i < OPENS; i++) draws.push(await page.evaluate<number>(draw))
      out.draw?.push(median(draws))
      const keys: number[] = []
      for (let i = 0; i < keystrokes; i++) keys.push(await page.evaluate<number>(key('leerling 1'.slice(0, 1 + (i % 10)))))
      out.keyP50?.push(percentile(keys, 0.5))
      out.keyP95?.push(percentile(keys, 0.95))
    }
    return out
  } finally {
    await browser.close()
  }
}

export const screenCase: BenchCase = {
  id: 'screen',
  title: 'Het scherm in Chromium, 10.000 leerlingen',
  runs: 4,
  app: { run: (files, runs) => inApp(files.dir, files.register, runs) },
  baseline: { run: (_files, runs) => plainChromium(runs, 30) },
  rows(app, b) {
    const nodes = Math.round(median(app.samples.nodes ?? []))
    const strokes = app.samples.keystrokes?.[0] ?? 0
    const draw = baselineSeries(b, 'draw', 'Chromium: tabel van 40 rijen tekenen')
    const key = (k: string) => baselineSeries(b, k, 'Chromium: 8 resultaten per aanslag')
    return [
      row(this, `Leerlingen: eerste rijen getekend (10.000; ${nodes.toLocaleString('nl-NL')} elementen in de pagina)`, series(app, 'pupils'), draw, (m) => [under(150, m)]),
      row(this, 'Geen toestemming, hele school: eerste rijen getekend', series(app, 'noConsent'), draw, (m) => [under(300, m)]),
      row(this, `Ctrl+K: aanslag tot getekende resultaten, p50 (${strokes} aanslagen)`, series(app, 'searchP50'), key('keyP50'), () => []),
      row(this, 'Ctrl+K: p95', series(app, 'searchP95'), key('keyP95'), (m) => [under(50, m)]),
      row(this, 'Filter van de lijst: aanslag tot getekende rijen, p50', series(app, 'filterP50'), key('keyP50'), () => []),
      row(this, 'Filter van de lijst: p95', series(app, 'filterP95'), key('keyP95'), (m) => [under(50, m)]),
    ]
  },
}
