import { defineConfig } from 'vitest/config'

// Dates are Dutch: every run in the school's time zone, on any machine (a UTC machine hides bugs).
process.env.TZ = 'Europe/Amsterdam'

// Test lanes (vitest projects), each with the settings below. `npm test` runs every lane (CI);
// `npm run test:fast` runs unit + database (with database-isolated) on every core, the edit loop;
// process, browser and slow run in npm test. A file is slow when it crashes processes, fuzzes, packs the app or measures time.
const SLOW = [
  'tests/reliability/**/*.test.ts',
  'tests/**/*performance*.test.ts',
  'tests/**/*fuzz*.test.ts',
  'tests/unit/dist.test.ts', // runs dist:check: packs the app for Linux and Windows
  'tests/unit/electron-worker.test.ts', // measures the host thread's stalls during a 10,000-row import
  'tests/scan/corpus.test.ts', // renders, marks and reads a corpus of scanned pages
  'tests/scan/drawn-pages.test.ts', // draws JBIG2 and born-digital scans in the readers and times the core thread's turns
]
const BROWSER = ['tests/e2e/**/*.test.ts']
// unit and database share one module state per worker (isolate: false): the core, exceljs, pdfkit and
// pdfjs are imported once per worker, not once per file (that was 52 of the lanes' CPU-seconds).
// A file that needs the process's module state as a fresh app has it runs isolated, named here.
const FRESH_MODULES = [
  'tests/scan/confirm-refusals.test.ts', // checks that the process's temp folders are empty
  'tests/scan/foreign-pdfjs.test.ts', // pdf.js chooses its worker once per process: this file must load the other copy first
  'tests/db/removal-scrub.test.ts', // reads the info lines of its own log file: no other file's silenceLog()
]
// Files whose time goes into starting processes: the CLI, the Electron main process on the fake
// Electron with its core worker, the linter, a second app for the lock, LibreOffice. Correct but not quick.
const PROCESS = [
  'tests/**/cli*.test.ts',
  'tests/unit/electron-*.test.ts',
  'tests/unit/lint-rules.test.ts', // runs oxlint once per rule it breaks
  'tests/unit/lock.test.ts', // starts a second process that holds the register
  'tests/documents/output-injection-calc.test.ts', // starts LibreOffice Calc for each CSV it opens
]

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks', // better-sqlite3 is a native addon
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', isolate: false, include: ['tests/unit/**/*.test.ts'], exclude: [...SLOW, ...PROCESS] } },
      // The core against real SQLite files (db, imports, documents, mail, scan): every folder but unit and e2e, so a new one is never left out.
      { extends: true, test: { name: 'database', isolate: false, include: ['tests/**/*.test.ts'], exclude: [...SLOW, ...BROWSER, ...PROCESS, ...FRESH_MODULES, 'tests/unit/**'] } },
      { extends: true, test: { name: 'database-isolated', include: FRESH_MODULES, exclude: SLOW } },
      { extends: true, test: { name: 'process', include: PROCESS, exclude: SLOW } },
      // Debian's Chromium against the web harness: serves the renderer, built once per run.
      { extends: true, test: { name: 'browser', include: BROWSER, globalSetup: ['tests/helpers/global-setup.ts'] } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
})
