import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

// One logger for the app. It never receives personal data: log ids and counts, not names.

type Level = 'info' | 'warn' | 'error'
type Sink = (line: string) => void

let sink: Sink = (line) => process.stderr.write(line + '\n')
let quiet = false

/** Writes log lines to a file (the app: the user-data folder). */
export function logToFile(file: string): void {
  sink = (line) => {
    try {
      mkdirSync(dirname(file), { recursive: true })
      appendFileSync(file, line + '\n')
    } catch {
      // A log that cannot be written (no rights, disk full) must never break the work at the desk.
    }
  }
}

/** Tests and the CLI keep stderr for their own output. */
export function silenceLog(): void {
  quiet = true
}

export interface Logger {
  info(message: string, extra?: Record<string, unknown>): void
  warn(message: string, extra?: Record<string, unknown>): void
  error(message: string, error?: unknown): void
}

export function createLogger(scope: string): Logger {
  const write = (level: Level, message: string, extra?: unknown): void => {
    if (quiet && level !== 'error') return
    const tail = extra instanceof Error ? ` ${extra.stack ?? extra.message}` : extra ? ` ${JSON.stringify(extra)}` : ''
    sink(`${new Date().toISOString()} ${level.toUpperCase()} [${scope}] ${message}${tail}`)
  }
  return {
    info: (m, x) => write('info', m, x),
    warn: (m, x) => write('warn', m, x),
    error: (m, e) => write('error', m, e),
  }
}
