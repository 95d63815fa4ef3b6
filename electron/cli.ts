// The handler table from a terminal: `npm run cli -- <command>`. Same code as the app: the
// commands that are calls of the contract go to the core's worker thread (core/worker.ts), the
// same entry the app and the web harness start. import, backup and restore still open the core
// in this process: they pass what the contract has no field for (the terminal's --staff as the
// actor, a file to restore from or export to by its path, scanned files to read by their paths).
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { AppError, INTERNAL_ERROR_MESSAGE, type Result } from '../shared/errors.ts'
import { BACKUP_HELP, runBackupCommand } from './cli/backup.ts'
import { IMPORT_HELP, IMPORT_OPTIONS, importDbPath, runImportCommand } from './cli/import.ts'
import { DOCUMENT_HELP, DOCUMENT_OPTIONS, runDocumentCommand } from './cli/print.ts'
import { runScanCommand, SCAN_HELP } from './cli/scan.ts'
import { openCore, type Core } from './core/boot.ts'
import { storageError, type Dispatch } from './core/dispatch.ts'
import { createLogger, logToFile, silenceLog } from './core/log.ts'
import { DB_ENV, defaultDataDir, resolveDbPath } from './core/paths.ts'
import { APP_VERSION } from './core/version.ts'
import { startCoreWorker, type CoreHost } from './core/worker-host.ts'

/** The worker entry as source: Node runs its TypeScript directly (type stripping), in a worker too. */
const SOURCE_WORKER = new URL('./core/worker.ts', import.meta.url)
/** Where the worker writes its log lines (the CLI's own log file, when run from a terminal). */
let workerLog: string | undefined

/** Commands that call services with options the contract does not carry: run in this process. */
const IN_PROCESS = new Set(['import', 'backup', 'restore', 'scan'])

const HELP = `Toestemmingsregister ${APP_VERSION}: opdrachten voor de terminal

Gebruik: npm run cli -- <opdracht> [opties]

Opdrachten:
  help                          deze hulp
  init                          maak de database aan (of werk hem bij) en toon waar hij staat
  info                          versie, schema en database
  setup --demo | --empty        richt de school in: de demoschool of een lege school
  settings [--school-name N] [--school-year 2026-2027] [--staff NAAM]
                                toon of wijzig de instellingen
  call METHODE [JSON]           roep een methode van het programma aan, bijv.
                                call pupils.list '{"groupId":1}'
${DOCUMENT_HELP}${IMPORT_HELP}${SCAN_HELP}${BACKUP_HELP}
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

async function run(door: { dispatch: Dispatch }, local: Core | undefined, command: string, args: ReturnType<typeof parse>, err: Output): Promise<Result<unknown>> {
  const { values, positionals } = args
  switch (command) {
    case 'init':
    case 'info':
      return door.dispatch('app.info', {})
    case 'setup':
      if (values.demo === values.empty) throw new UsageError('Kies --demo of --empty.')
      return door.dispatch('school.setup', { mode: values.demo ? 'demo' : 'empty', schoolName: values.name })
    case 'settings': {
      const patch = { schoolName: values['school-name'], schoolYear: values['school-year'], staffName: values.staff }
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      return Object.keys(given).length ? door.dispatch('settings.update', given) : door.dispatch('settings.get', {})
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
      return door.dispatch(method, input)
    }
    case 'backup':
      return runBackupCommand(inProcess(local), 'backup', values.out, usageError)
    case 'restore':
      return runBackupCommand(inProcess(local), 'restore', positionals[1], usageError)
    case 'print':
    case 'export':
      return runDocumentCommand(door, command, args, (message) => {
        throw new UsageError(message)
      })
    case 'import':
      return runImportCommand(inProcess(local), args, usageError, err)
    case 'scan':
      return runScanCommand(inProcess(local), args, usageError)
    default:
      throw new UsageError(`Onbekende opdracht '${command}'.`)
  }
}

function inProcess(local: Core | undefined): Core {
  if (!local) throw new Error('this command runs in the CLI process')
  return local
}

/** Runs one command; returns the exit code (0 done, 1 could not be done, 2 wrong usage). Never throws. */
export async function main(argv: string[], out: Output = process.stdout, err: Output = process.stderr): Promise<number> {
  let core: Core | undefined
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
    let door: { dispatch: Dispatch }
    let warnings: string[]
    if (IN_PROCESS.has(command)) {
      core = openCore({ dbPath: command === 'import' ? importDbPath(dbPath, args.values.commit === true) : dbPath, appVersion: APP_VERSION, lock: 'respect' })
      door = core
      warnings = core.ctx.startupWarnings ?? []
    } else {
      host = await startCoreWorker({ workerPath: SOURCE_WORKER, dbPath, appVersion: APP_VERSION, lock: 'respect', silent: true, ...(workerLog ? { logFile: workerLog } : {}) })
      door = host
      warnings = host.info.startupWarnings
    }
    for (const warning of warnings) err.write(`Let op: ${warning}\n`)
    const result = await run(door, core, command, args, err)
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
    const stored = storageError(e, core?.ctx ?? host?.info) // disk full or failing, or the file write-protected
    if (stored) {
      err.write(`${stored.message}\n`)
      return 1
    }
    createLogger('cli').error('command failed', e)
    err.write(`${INTERNAL_ERROR_MESSAGE}\n`)
    return 1
  } finally {
    core?.close()
    await host?.close()
  }
}

if (import.meta.main) {
  // Details of unexpected errors go to a log file in the app's data folder, not onto the terminal.
  workerLog = join(defaultDataDir(), 'logs', 'cli.log')
  logToFile(workerLog)
  process.exitCode = await main(process.argv.slice(2))
}
