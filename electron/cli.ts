// The handler table from a terminal: `npm run cli -- <command>`. Same code as the app: every
// command goes to the core's worker thread (core/worker.ts), the same entry the app and the web
// harness start. The terminal is a door like main: it vouches for the files it names (registered
// by path for a token; `call` takes "@PAD" where a token goes), its --out is the save dialog's
// answer, and its --staff (else the terminal's user) commits an import.
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError, INTERNAL_ERROR_MESSAGE, type Result } from '../shared/errors.ts'
import { BACKUP_HELP, runBackupCommand } from './cli/backup.ts'
import { CALL_HELP, runCallCommand } from './cli/call.ts'
import { IMPORT_HELP, IMPORT_OPTIONS, importDbPath, runImportCommand } from './cli/import.ts'
import { DOCUMENT_HELP, DOCUMENT_OPTIONS, runDocumentCommand } from './cli/print.ts'
import { runScanCommand, SCAN_HELP } from './cli/scan.ts'
import { userInfo } from 'node:os'
import { resolve } from 'node:path'
import { call } from './core/call.ts'
import { storageError } from './core/dispatch.ts'
import { createLogger, logToFile, silenceLog } from './core/log.ts'
import { DB_ENV, defaultDataDir, resolveDbPath } from './core/paths.ts'
import { APP_VERSION } from './core/version.ts'
import { startCoreWorker, type CoreHost } from './core/worker-host.ts'

/** The worker entry as source: Node runs its TypeScript directly (type stripping), in a worker too. */
const SOURCE_WORKER = new URL('./core/worker.ts', import.meta.url)
/** Where the worker writes its log lines (the CLI's own log file, when run from a terminal). */
let workerLog: string | undefined

const HELP = `Toestemmingsregister ${APP_VERSION}: opdrachten voor de terminal

Gebruik: npm run cli -- <opdracht> [opties]

Opdrachten:
  help                          deze hulp
  init                          maak de database aan (of werk hem bij) en toon waar hij staat
  info                          versie, schema en database
  setup --demo | --empty        richt de school in: de demoschool of een lege school
  settings [--school-name N] [--school-year 2026-2027] [--staff NAAM]
                                toon of wijzig de instellingen
${CALL_HELP}${DOCUMENT_HELP}${IMPORT_HELP}${SCAN_HELP}${BACKUP_HELP}
Opties voor elke opdracht:
  --db PATH                     de database (anders \$${DB_ENV}, anders de standaardmap)

Uitvoer is JSON. Afsluitcode 0: gelukt; 1: de opdracht kon niet worden uitgevoerd; 2: verkeerd gebruik.
`

class UsageError extends Error {}
const usageError = (message: string): never => {
  throw new UsageError(message)
}

/** Where the CLI writes: process.stdout/stderr, or a collector in tests. */
export interface Output {
  write(text: string): unknown
}

const OPTIONS = {
  db: { type: 'string' },
  demo: { type: 'boolean' },
  empty: { type: 'boolean' },
  name: { type: 'string' },
  'school-name': { type: 'string' },
  'school-year': { type: 'string' },
  staff: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...DOCUMENT_OPTIONS,
  ...IMPORT_OPTIONS,
} as const

/** node:util's parse errors are English; the user reads Dutch. */
function usageMessage(e: unknown): string {
  const code = (e as { code?: unknown }).code
  const option = /'(-[^' ]*)/.exec((e as Error).message)?.[1] ?? ''
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Onbekende optie '${option}'.`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const spec: { type: string } | undefined = Object.hasOwn(OPTIONS, option.slice(2)) ? OPTIONS[option.slice(2) as keyof typeof OPTIONS] : undefined
    if (spec?.type === 'boolean') return `De optie '${option}' krijgt geen waarde.`
    return `De optie '${option}' heeft een waarde nodig, bijvoorbeeld ${option === '--db' ? '--db pad/naar/school.sqlite' : `${option} "..."`}.`
  }
  return 'De opties kloppen niet.'
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (e) {
    throw new UsageError(usageMessage(e))
  }
}

async function run(door: CoreHost, command: string, args: ReturnType<typeof parse>, err: Output): Promise<Result<unknown>> {
  const { values, positionals } = args
  switch (command) {
    case 'init':
    case 'info':
      return call(door, 'app.info', {})
    case 'setup':
      if (values.demo === values.empty) throw new UsageError('Kies --demo of --empty.')
      return call(door, 'school.setup', { mode: values.demo ? 'demo' : 'empty', schoolName: values.name })
    case 'settings': {
      const patch = { schoolName: values['school-name'], schoolYear: values['school-year'], staffName: values.staff }
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      return Object.keys(given).length ? call(door, 'settings.update', given) : call(door, 'settings.get', {})
    }
    case 'call': {
      const [method, json] = positionals.slice(1)
      if (!method) throw new UsageError('Noem een methode, bijv. call settings.get')
      let input: unknown = {}
      try {
        if (json) input = JSON.parse(json)
      } catch {
        throw new UsageError('De invoer na de methode is geen geldige JSON.')
      }
      return runCallCommand(door, method, input)
    }
    case 'backup':
      return runBackupCommand(door, 'backup', values.out, usageError)
    case 'restore':
      return runBackupCommand(door, 'restore', positionals[1], usageError)
    case 'print':
    case 'export':
      return runDocumentCommand(door, command, args, (message) => {
        throw new UsageError(message)
      })
    case 'import':
      return runImportCommand(door, args, usageError, err)
    case 'scan':
      return runScanCommand(door, args, usageError)
    default:
      throw new UsageError(`Onbekende opdracht '${command}'.`)
  }
}

/** Runs one command; returns the exit code (0 done, 1 could not be done, 2 wrong usage). Never throws. */
export async function main(argv: string[], out: Output = process.stdout, err: Output = process.stderr): Promise<number> {
  let host: CoreHost | undefined
  try {
    const args = parse(argv)
    const command = args.positionals[0] ?? 'help'
    if (command === 'help' || args.values.help) {
      out.write(HELP)
      return 0
    }
    if (!['init', 'info', 'setup', 'settings', 'call', 'print', 'export', 'import', 'scan', 'backup', 'restore'].includes(command)) throw new UsageError(`Onbekende opdracht '${command}'.`)
    silenceLog()
    const dbPath = resolveDbPath(args.values.db)
    const staff = typeof args.values.staff === 'string' && args.values.staff.trim() !== '' ? args.values.staff.trim() : undefined
    const outFile = typeof args.values.out === 'string' ? resolve(args.values.out) : undefined
    host = await startCoreWorker({
      workerPath: SOURCE_WORKER,
      // Without --commit an import writes nothing: a database that does not exist yet is not made for it.
      dbPath: command === 'import' ? importDbPath(dbPath, args.values.commit === true) : dbPath,
      appVersion: APP_VERSION,
      lock: 'respect',
      silent: true,
      ...(workerLog ? { logFile: workerLog } : {}),
      ...(command === 'import' ? { ...(staff ? { actor: staff } : {}), actorWithoutStaffName: `${userInfo().username} (terminal)` } : {}),
      // `backup --out FILE`: the save dialog's answer is FILE (the core writes there, atomically).
      ...(command === 'backup' && outFile ? { desktop: { chooseSavePath: async () => outFile, openPath: async () => undefined } } : {}),
    })
    const warnings = host.info.startupWarnings
    for (const warning of warnings) err.write(`Let op: ${warning}\n`)
    const result = await run(host, command, args, err)
    if (result.ok) {
      out.write(JSON.stringify(result.value, null, 2) + '\n')
      return 0
    }
    err.write(`${result.error.message}\n`)
    return 1
  } catch (e) {
    if (e instanceof UsageError) {
      err.write(`${e.message}\nZie: npm run cli -- help\n`)
      return 2
    }
    if (e instanceof AppError) {
      err.write(`${e.message}\n`)
      return 1
    }
    const stored = storageError(e, host?.info) // disk full or failing, or the file write-protected
    if (stored) {
      err.write(`${stored.message}\n`)
      return 1
    }
    createLogger('cli').error('command failed', e)
    err.write(`${INTERNAL_ERROR_MESSAGE}\n`)
    return 1
  } finally {
    await host?.close()
  }
}

if (import.meta.main) {
  // Details of unexpected errors go to a log file in the app's data folder, not onto the terminal.
  workerLog = join(defaultDataDir(), 'logs', 'cli.log')
  logToFile(workerLog)
  process.exitCode = await main(process.argv.slice(2))
}
