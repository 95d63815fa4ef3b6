// electron-builder's configuration (it finds this file by name): the Windows installer per user
// and a portable build, Linux AppImage and .deb. `npm run dist` builds for this machine;
// `npm run dist:check` (scripts/dist-check.ts) packs an unpacked Linux app with a stand-in binary.
import type { Configuration } from 'electron-builder'
import electronPackage from 'electron/package.json' with { type: 'json' }
import { setFuses } from './scripts/dist-fuses.ts'

// What the app loads at run time, and nothing else: no sources, tests or databases.
const COMMON_FILES = [
  'package.json',
  'out/main/**',
  'out/preload/**',
  'out/renderer/**',
  'resources/fonts/**',
  'resources/templates/**',
  // better-sqlite3: its N-API binary, not its C sources.
  '!node_modules/better-sqlite3/{src,deps}/**',
  '!node_modules/better-sqlite3/binding.gyp',
  // Never loaded by the app: browser bundles, source maps, TypeScript sources (zod ships its own).
  '!node_modules/exceljs/dist/**',
  '!node_modules/pdfkit/js/pdfkit.{standalone,browser}*',
  '!**/*.{map,ts,mts,cts}',
]

/**
 * The files, with only the target platform's native binaries: better-sqlite3's prebuild, sharp's
 * addon and libvips (@img/sharp-<platform>-<arch>, and on Linux and macOS @img/sharp-libvips-...;
 * on Windows the DLLs are inside @img/sharp-win32-x64), and canvas's (@napi-rs/canvas-<platform>-
 * <arch>-<abi>). npm installs only the building machine's, so a Windows installer is built on
 * Windows, where `npm ci` fetches @img/sharp-win32-x64 and @napi-rs/canvas-win32-x64-msvc (pinned
 * in package-lock.json); a Linux machine's binaries never go into a Windows package. A platform's
 * `files` replaces the top-level list (it is not added to it), so each platform gets the whole
 * list; the macro ${platform} would name the building machine's platform, not the target's.
 */
function appFiles(platform?: 'win32' | 'linux' | 'darwin'): string[] {
  if (!platform) return COMMON_FILES
  return [
    ...COMMON_FILES,
    `!node_modules/better-sqlite3/prebuilds/!(${platform}-\${arch}).node`,
    `!node_modules/@img/sharp-!(${platform}-\${arch}|libvips-${platform}-\${arch})/**`,
    `!node_modules/@napi-rs/canvas-!(${platform}-\${arch}-*)/**`,
  ]
}

const config: Configuration = {
  appId: 'nl.toestemmingsregister.desktop',
  productName: 'Toestemmingsregister',
  copyright: 'Toestemmingsregister',
  // The Electron that `npm start` and the tests were run with is the one that ships.
  electronVersion: electronPackage.version,
  directories: { output: 'dist', buildResources: 'resources/installer' },
  files: appFiles(),
  asar: true,
  // A native addon cannot be loaded from inside the asar: Electron reads it from app.asar.unpacked.
  // The same for the scan reader's sharp (its addon and libvips) and canvas. pdf.js (an ES module,
  // with its wasm/ and fonts) and canvas's JavaScript are imported from there too (core/libraries.ts).
  asarUnpack: [
    'node_modules/better-sqlite3/prebuilds/*.node',
    'node_modules/@img/**',
    'node_modules/@napi-rs/canvas/**',
    'node_modules/@napi-rs/canvas-*/**',
    'node_modules/pdfjs-dist/package.json',
    'node_modules/pdfjs-dist/{legacy/build,wasm,standard_fonts}/**',
  ],
  // better-sqlite3's prebuilt binary is N-API: the same file loads in Node and Electron, no rebuild.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Electron's fuses, flipped in the packed binary before any signing (scripts/dist-fuses.ts).
  afterPack: setFuses,
  publish: null,
  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: 'resources/icon.ico',
    files: appFiles('win32'),
  },
  nsis: {
    // Per user, into %LOCALAPPDATA%\Programs\toestemmingsregister: no administrator rights.
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    // The register lives in %APPDATA%\Toestemmingsregister: an uninstall leaves it, and says so.
    deleteAppDataOnUninstall: false,
    include: 'resources/installer/installer.nsh',
    installerLanguages: ['nl_NL'],
    language: '1043',
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Toestemmingsregister',
    uninstallDisplayName: 'Toestemmingsregister',
    artifactName: '${productName}-${version}-installatie.${ext}',
  },
  portable: { artifactName: '${productName}-${version}-los.${ext}' },
  mac: { files: appFiles('darwin') },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    files: appFiles('linux'),
    icon: 'resources/icon.png',
    maintainer: 'Toestemmingsregister',
    synopsis: 'Toestemming voor foto en video per leerling en per doel',
    description: 'Een offline bureaubladprogramma voor de administratie van een basisschool: per leerling en per doel bijhouden of ouders toestemming geven voor foto en video.',
  },
}

export default config
