// The packaged app, as `npm run dist:check` packs it for Linux and Windows (real config, real
// app.asar, real fuse hook, stand-ins for Electron's binary): every file the app loads at run
// time is inside, nothing of the developer's is, the fuses are flipped, the Windows .exe holds
// the asar's hash, and the packed main, started against the fake electron, opens a database in
// the user-data folder, answers the API and reads a scanned form (sharp, canvas, zxing's and
// pdf.js's WebAssembly) from the packed files alone.
// Runs dist:check itself (30 to 90 s on 2 shared cores); DIST_CHECK_REUSE=1 reuses dist/check.
import * as asar from '@electron/asar'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import type { SheetLayout } from '../../electron/core/documents/consent-form-layout.ts'
import type { ScannedPage } from '../../shared/scan.ts'
import { packedExeInfo } from '../helpers/pe-file.ts'
import { NATIVE, ownNatives, packedScan, scanReaderFiles, windowsNatives } from '../helpers/packed-scan.ts'
import { pdfFonts, pdfPages } from '../documents/helpers.ts'
import { createFakeElectron, invokeEvent, untilStarted, type FakeElectron } from '../helpers/fake-electron.ts'

const root = resolve(import.meta.dirname, '../..')
const appDir = join(root, 'dist', 'check', process.arch === 'x64' ? 'linux-unpacked' : `linux-${process.arch}-unpacked`)
const asarPath = join(appDir, 'resources', 'app.asar')
const winDir = join(root, 'dist', 'check', 'win-unpacked')
const winAsarPath = join(winDir, 'resources', 'app.asar')
const ownBinary = `${process.platform}-${process.arch}.node`

let files: Set<string>
const read = (path: string): Buffer => asar.extractFile(asarPath, path)

beforeAll(() => {
  if (process.env.DIST_CHECK_REUSE !== '1' || !existsSync(asarPath) || !existsSync(winAsarPath)) {
    const run = spawnSync(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'scripts/dist-check.ts'], { cwd: root, encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`npm run dist:check failed:\n${run.stdout}\n${run.stderr}`)
  }
  asar.uncacheAll()
  files = new Set(asar.listPackage(asarPath, { isPack: false }).map((f) => f.replace(/^\//, '')))
}, 240_000)

describe('dist:check: what the app.asar holds', () => {
  it('the built main, preload and renderer, with every script and stylesheet the page names', () => {
    for (const f of ['package.json', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) expect(files, f).toContain(f)
    const html = read('out/renderer/index.html').toString('utf8')
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => `out/renderer/${m[1]}`)
    expect(assets.length).toBeGreaterThanOrEqual(2)
    for (const a of assets) expect(files, a).toContain(a)
    const manifest = JSON.parse(read('package.json').toString('utf8')) as { main: string; productName: string; version: string }
    expect(manifest).toMatchObject({ main: 'out/main/index.js', productName: 'Toestemmingsregister' })
  })

  it('the DejaVu fonts of resources/fonts and the enrolment template, byte for byte', () => {
    // DejaVu 2.37's TTFs, as the dejavu-fonts-ttf 2.37.3 package shipped them (copied in once).
    const fonts = {
      'DejaVuSansCondensed.ttf': '8550cd5ca1acb65a8fc7877c46939cd0b4d909f8e7bc1e24716873d918c5e549',
      'DejaVuSansCondensed-Bold.ttf': '38098d0b8edd8430a0f53fb2831b5d36037563a998a620d3c87a4d7591766d20',
      'DejaVuSansCondensed-Oblique.ttf': 'dc3526fa25fae4278c4e34b47d4c049b6923421c70921032a0db11bfe9c1b0cf',
    }
    for (const [font, sha256] of Object.entries(fonts)) {
      const packed = read(`resources/fonts/${font}`)
      expect(packed.equals(readFileSync(join(root, 'resources', 'fonts', font))), font).toBe(true)
      expect(createHash('sha256').update(packed).digest('hex'), font).toBe(sha256)
    }
    const template = 'resources/templates/inschrijfformulier.xlsx'
    expect(read(template).equals(readFileSync(join(root, template)))).toBe(true)
  })

  it("every package the packed main and the core's worker require, with the package it requires in turn", () => {
    // out/main holds main (index.js), the core's worker (worker.js) and the chunks they share.
    const code = [...files].filter((f) => /^out\/main\/.*\.js$/.test(f)).map((f) => read(f).toString('utf8'))
    expect(code.length).toBeGreaterThanOrEqual(2)
    // require("x"), and the heavy libraries that core/libraries.ts loads on first use: load("x"), load.resolve("x").
    const wanted = code.flatMap((js) => [...js.matchAll(/(?:require|load|load\.resolve)\("([^"]+)"\)/g)].map((m) => m[1]!))
    const packages = [...new Set(wanted.filter((n) => n !== 'electron' && !n.startsWith('.') && !n.startsWith('node:') && !builtinModules.includes(n)))]
    expect(packages).toEqual(
      expect.arrayContaining([
        'better-sqlite3',
        'exceljs',
        'pdfkit',
        'postal-mime',
        '@kenjiuno/msgreader',
        'sharp',
        '@napi-rs/canvas',
        'zxing-wasm/reader',
        'pdfjs-dist/legacy/build/pdf.mjs',
        'pdfjs-dist/legacy/build/pdf.worker.mjs',
      ]),
    )
    // zod is bundled into the worker (its hundred small modules loaded one by one cost the cold start 60-75 ms).
    expect(packages).not.toContain('zod')
    for (const name of packages) {
      const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!
      expect(files, pkg).toContain(`node_modules/${pkg}/package.json`)
    }
  })

  it("better-sqlite3's binary for this platform, unpacked beside the asar, and no other platform's", () => {
    const inAsar = `node_modules/better-sqlite3/prebuilds/${ownBinary}`
    const entry = asar.statFile(asarPath, inAsar) as { unpacked?: boolean }
    expect(entry.unpacked).toBe(true)
    const unpacked = readFileSync(join(`${asarPath}.unpacked`, inAsar))
    expect(unpacked.equals(readFileSync(join(root, inAsar)))).toBe(true)
    expect([...files].filter((f) => f.startsWith('node_modules/better-sqlite3/prebuilds/'))).toEqual([inAsar])
    expect([...files].filter((f) => /^node_modules\/better-sqlite3\/(src|deps)\//.test(f))).toEqual([])
  })

  it("the scan reader's files byte for byte (zxing's .wasm, pdf.js's legacy build, wasm/ and standard_fonts/), every native library unpacked beside the asar", () => {
    const wanted = scanReaderFiles(root)
    expect(wanted.filter((f) => f.endsWith('.wasm')).length).toBeGreaterThanOrEqual(4)
    expect(wanted.filter((f) => f.endsWith('.pfb')).length).toBeGreaterThanOrEqual(10)
    for (const f of wanted) expect(read(f).equals(readFileSync(join(root, f))), f).toBe(true)
    // pdf.js and canvas's JavaScript are imported from app.asar.unpacked (core/libraries.ts), with what pdf.js reads beside it.
    for (const f of [...wanted.filter((x) => x.includes('pdfjs-dist/')), 'node_modules/@napi-rs/canvas/index.js', 'node_modules/@napi-rs/canvas/js-binding.js'])
      expect(readFileSync(join(`${asarPath}.unpacked`, f)).equals(readFileSync(join(root, f))), f).toBe(true)
    // electron-builder rewrites each package.json it packs: there, not equal.
    expect(existsSync(join(`${asarPath}.unpacked`, 'node_modules/pdfjs-dist/package.json'))).toBe(true)
    const natives = [...files].filter((f) => NATIVE.test(f))
    // sharp's addon and its libvips, canvas's addon, better-sqlite3's: this machine's, each unpacked.
    expect(natives.filter(ownNatives).map((f) => f.replace(/[\d.]+\.node$|\.so[\d.]*$/, ''))).toEqual(
      expect.arrayContaining([
        `node_modules/@img/sharp-${process.platform}-${process.arch}/lib/sharp-${process.platform}-${process.arch}-`,
        expect.stringMatching(/\/lib\/libvips-cpp$/),
        expect.stringMatching(/^node_modules\/@napi-rs\/canvas-.*\/skia\./),
      ]),
    )
    for (const f of natives) {
      expect((asar.statFile(asarPath, f) as { unpacked?: boolean }).unpacked, f).toBe(true)
      expect(readFileSync(join(`${asarPath}.unpacked`, f)).equals(readFileSync(join(root, f))), f).toBe(true)
    }
    // Nothing that only exists on this machine is baked into the built code (a path into the repo's node_modules).
    for (const f of [...files].filter((x) => /^out\/(main|preload)\/.*\.js$/.test(x))) expect(read(f).toString('utf8').includes(root), f).toBe(false)
  })

  it("nothing of the developer's: no sources, tests, scripts, databases or dev tools", () => {
    const leaks = [...files].filter(
      (f) =>
        /^(electron|renderer|shared|tests|scripts|docs|dist|\.ci|\.github)\//.test(f) ||
        /\.(ts|sqlite|sqlite-wal|map)$/.test(f) ||
        /^node_modules\/(electron|electron-builder|electron-vite|vite|vitest|typescript|oxlint|playwright-core|@electron\/fuses|node)\//.test(f),
    )
    expect(leaks).toEqual([])
  })
})

describe('dist:check: the fuses of the packed binaries', () => {
  it('as Electron ships them in the stand-ins: RunAsNode on', async () => {
    for (const standIn of ['stand-in-electron/electron', 'stand-in-electron-win/electron.exe']) {
      expect((await getCurrentFuseWire(join(root, 'dist', 'check', standIn)))[FuseV1Options.RunAsNode], standIn).toBe(FuseState.ENABLE)
    }
  })

  for (const binary of [join(appDir, 'toestemmingsregister'), join(winDir, 'Toestemmingsregister.exe')]) {
    it(`${binary.includes('win') ? 'Windows' : 'Linux'}: flipped by the afterPack hook: no RunAsNode, NODE_OPTIONS or --inspect; cookie encryption, only-from-asar and asar integrity on`, async () => {
      const wire = await getCurrentFuseWire(binary)
      expect({
        runAsNode: wire[FuseV1Options.RunAsNode],
        nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
        inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
        cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
        onlyFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
        asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      }).toEqual({
        runAsNode: FuseState.DISABLE,
        nodeOptions: FuseState.DISABLE,
        inspect: FuseState.DISABLE,
        cookieEncryption: FuseState.ENABLE,
        onlyFromAsar: FuseState.ENABLE,
        asarIntegrity: FuseState.ENABLE,
      })
    })
  }
})

describe('dist:check: the Windows package', () => {
  it("holds what the Linux one holds, with better-sqlite3's Windows binary unpacked instead and no Linux binary of sharp or canvas", () => {
    const winFiles = asar.listPackage(winAsarPath, { isPack: false }).map((f) => f.replace(/^\//, ''))
    const linuxBinary = `node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`
    const winBinary = 'node_modules/better-sqlite3/prebuilds/win32-x64.node'
    // sharp's and canvas's Windows packages are in node_modules only where npm installed them (Windows).
    const linuxExpected = [...files].filter((f) => !ownNatives(f)).map((f) => (f === linuxBinary ? winBinary : f))
    expect(new Set(winFiles.filter((f) => !windowsNatives(f)))).toEqual(new Set(linuxExpected))
    expect(winFiles.filter((f) => NATIVE.test(f) && !windowsNatives(f))).toEqual([winBinary])
    for (const f of winFiles.filter((x) => NATIVE.test(x))) {
      expect((asar.statFile(winAsarPath, f) as { unpacked?: boolean }).unpacked, f).toBe(true)
      expect(readFileSync(join(`${winAsarPath}.unpacked`, f)).equals(readFileSync(join(root, f))), f).toBe(true)
    }
  })

  it("the lockfile pins sharp's and canvas's Windows x64 binaries at the versions they ask for, so `npm ci` on Windows fetches them", () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; integrity?: string; os?: string[]; optionalDependencies?: Record<string, string> }> }
    for (const [parent, child] of [
      ['sharp', '@img/sharp-win32-x64'],
      ['@napi-rs/canvas', '@napi-rs/canvas-win32-x64-msvc'],
    ] as const) {
      const wanted = lock.packages[`node_modules/${parent}`]?.optionalDependencies?.[child]
      expect(wanted, child).toMatch(/^\d+\.\d+\.\d+$/)
      expect(lock.packages[`node_modules/${child}`], child).toMatchObject({ version: wanted, os: ['win32'], integrity: expect.stringMatching(/^sha512-/) })
    }
  })

  it('the .exe holds the hash of its app.asar header, which Electron checks at start with asar integrity on', () => {
    const { integrity, version } = packedExeInfo(join(winDir, 'Toestemmingsregister.exe'))
    const header = asar.getRawHeader(winAsarPath).headerString
    expect(integrity).toEqual([{ file: 'resources\\app.asar', alg: 'SHA256', value: createHash('sha256').update(header).digest('hex') }])
    expect(version).toMatchObject({ ProductName: 'Toestemmingsregister', FileDescription: 'Toestemmingsregister' })
  })
})

describe('dist:check: the packed main, started against the fake electron', () => {
  const FAKE = Symbol.for('toestemmingsregister.fake-electron')
  const savedDb = process.env.TOESTEMMINGSREGISTER_DB
  let fake: FakeElectron
  let dir: string
  let extracted: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tr-dist-'))
    // Laid out as installed: resources/app.asar (here a folder, everything in it) and beside it the
    // real app.asar.unpacked, from which the core imports pdf.js and canvas (core/libraries.ts).
    extracted = join(dir, 'resources', 'app.asar')
    asar.extractAll(asarPath, extracted) // unpacked files included, from app.asar.unpacked
    cpSync(`${asarPath}.unpacked`, join(dir, 'resources', 'app.asar.unpacked'), { recursive: true })
    fake = createFakeElectron()
    fake.app.paths.userData = join(dir, 'userData')
    fake.app.paths.documents = join(dir, 'Documenten')
    delete process.env.TOESTEMMINGSREGISTER_DB // the installed app's own folder, as at the desk
    // Inside Electron, require('electron') is built in; here the packed main finds this stand-in
    // module in the extracted copy (never in the asar itself: see the test above).
    ;(globalThis as Record<symbol, unknown>)[FAKE] = fake.module
    mkdirSync(join(extracted, 'node_modules', 'electron'))
    writeFileSync(join(extracted, 'node_modules', 'electron', 'index.js'), `module.exports = globalThis[Symbol.for('toestemmingsregister.fake-electron')]\n`)
    createRequire(join(extracted, 'package.json'))('./out/main/index.js')
    fake.app.ready()
    await untilStarted(fake) // main starts the core's worker (out/main/worker.js) before the window
  })

  afterAll(() => {
    fake?.app.quit()
    delete (globalThis as Record<symbol, unknown>)[FAKE]
    if (savedDb !== undefined) process.env.TOESTEMMINGSREGISTER_DB = savedDb
    rmSync(dir, { recursive: true, force: true })
  })

  const page = () => invokeEvent({ url: pathToFileURL(join(extracted, 'out', 'renderer', 'index.html')).href })
  async function call(method: string, input: unknown): Promise<unknown> {
    // Main passes the worker's answer on as JSON text (UTF-8 bytes), decoded as the preload does.
    const r = (await fake.ipcMain.fromPage('api', page(), method, input)) as { ok: boolean; value?: unknown; error?: unknown }
    if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
    return r.value
  }

  it('opens its database in the user-data folder and shows the packed page, with the packed preload', () => {
    expect(fake.errorBoxes).toEqual([])
    expect(
      readFileSync(join(dir, 'userData', 'toestemmingsregister.sqlite'))
        .subarray(0, 15)
        .toString('latin1'),
    ).toBe('SQLite format 3')
    const win = fake.windows[0]!
    expect(win.loadedFile).toBe(join(extracted, 'out', 'renderer', 'index.html'))
    expect(existsSync(win.loadedFile!)).toBe(true)
    expect(win.options.webPreferences?.preload).toBe(join(extracted, 'out', 'preload', 'index.js'))
    expect(win.options.webPreferences?.devTools).toBe(false)
  })

  it('answers the API, and prints a consent form with the packed fonts (Zoë and Yılmaz intact)', async () => {
    await call('school.setup', { mode: 'empty', schoolName: 'OBS De Linde' })
    await call('settings.update', { staffName: 'Ans de Wit' })
    expect(await call('settings.get', {})).toMatchObject({ schoolName: 'OBS De Linde', staffName: 'Ans de Wit' })
    const group = (await call('groups.save', { name: '5', teacherName: 'Juf Iris' })) as { id: number }
    await call('pupils.save', { firstName: 'Zoë', lastName: 'Yılmaz', birthDate: '2017-04-07', studentNumber: '1001', groupId: group.id })
    const pdf = (await call('documents.consentForms', { delivery: 'data' })) as { data: string }
    const bytes = Buffer.from(pdf.data, 'base64')
    expect((await pdfPages(bytes)).join('\n')).toContain('Zoë Yılmaz')
    expect(pdfFonts(bytes).every((f) => f.embedded && f.name.includes('DejaVu'))).toBe(true)
    const template = (await call('imports.template', {})) as { data: string }
    expect(Buffer.from(template.data, 'base64').subarray(0, 2).toString('latin1')).toBe('PK')
  })

  it('reads a three-page scan of a returned form with the packed page readers (out/main/scan-reader.js), sharp, canvas, zxing and pdf.js (pages 2 and 3 drawn by it in the readers), run from a folder where no repo is', async () => {
    const pupil = ((await call('pupils.list', {})) as { id: number; firstName: string }[]).find((p) => p.firstName === 'Zoë')
    const pdf = Buffer.from(((await call('documents.consentForms', { delivery: 'data' })) as { data: string }).data, 'base64')
    // Printing remembered the form's layout in the register; the marks go where it says the boxes are.
    const db = new Database(join(dir, 'userData', 'toestemmingsregister.sqlite'), { readonly: true })
    const layouts = (db.prepare('SELECT layout_json FROM form_layouts').pluck().all() as string[]).map((j) => JSON.parse(j) as SheetLayout)
    db.close()
    expect(layouts).toHaveLength(1)
    const work = mkdtempSync(join(dir, 'scan-'))
    const made = packedScan(pdf, layouts[0] as SheetLayout, work)
    const scanFile = join(fake.app.paths.documents as string, 'teruggekomen.pdf')
    mkdirSync(fake.app.paths.documents as string, { recursive: true })
    writeFileSync(scanFile, made.pdf)
    fake.dialog.openAnswer = { canceled: false, filePaths: [scanFile] }
    const chosen = (await call('files.choose', { purpose: 'scan' })) as { files: { token: string }[] }
    // From a folder outside the repo: a path worked out from the working folder finds nothing.
    const cwd = process.cwd()
    process.chdir(work)
    let pages: ScannedPage[]
    try {
      pages = (await call('scan.read', { files: chosen.files.map((f) => ({ token: f.token })) })) as ScannedPage[]
    } finally {
      process.chdir(cwd)
    }
    expect(pages.map((p) => [p.source, p.status, p.message])).toEqual([
      ['teruggekomen.pdf, pagina 1', 'read', undefined],
      ['teruggekomen.pdf, pagina 2', 'read', undefined],
      ['teruggekomen.pdf, pagina 3', 'read', undefined],
    ])
    for (const scanned of pages) {
      expect(scanned.form).toMatchObject({ code: expect.stringMatching(/^TR-/), pupilId: pupil?.id })
      // Page 2's third row is ticked only by the JPEG 2000 cross: pdf.js decodes it with its packed wasm/.
      expect(
        scanned.answers.map((a) => ({ purposeId: a.purposeId, reading: a.reading })),
        scanned.source,
      ).toEqual(made.answers)
      expect(scanned.signatures[0]?.signed, scanned.source).toBe(true)
    }
  }, 120_000)

  it('a page from elsewhere gets no answer from the packed main', async () => {
    const r = await fake.ipcMain.invoke('api', invokeEvent({ url: 'https://evil.example/' }), 'settings.get', {})
    expect(JSON.parse(r as string)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})
