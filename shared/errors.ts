// Errors cross every door (IPC, CLI, HTTP) as data, never as thrown exceptions.

export type ErrorCode =
  | 'validation' // input does not fit: message says which field and what to do
  | 'not_found'
  | 'conflict' // a stale screen tried to save over a newer change
  | 'unknown_method'
  | 'forbidden'
  | 'db_invalid' // the file is not (our) SQLite database
  | 'db_newer' // made by a newer version of the app
  | 'io'
  | 'read_only' // the database may only be read now (another program holds it, or it is damaged)
  | 'clock' // the computer's clock is behind the register's newest change: nothing is saved until it is right
  | 'cancelled' // the user stopped a long job before it wrote anything
  | 'resources' // the job needed more memory than the core may use: it was stopped, nothing written
  | 'internal'

export interface ErrorInfo {
  code: ErrorCode
  /** Dutch, fit to show to a user as is. */
  message: string
  /** The input field the message is about, e.g. 'email' or 'guardians.0.phone'. */
  field?: string
  /** Every problem of the input, each at its field, when there is more than one: a form shows them all at once. */
  issues?: FieldIssue[]
}

export interface FieldIssue {
  field: string
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo }

/** An error a user can act on. Its message is Dutch and says what to do. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined
  readonly issues: FieldIssue[] | undefined

  constructor(code: ErrorCode, message: string, field?: string, issues?: FieldIssue[]) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
    this.issues = issues
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message }
    if (this.field !== undefined) info.field = this.field
    if (this.issues !== undefined && this.issues.length > 1) info.issues = this.issues
    return info
  }
}

export const INTERNAL_ERROR_MESSAGE = 'Er ging iets mis in het programma. Er is niets half opgeslagen. Probeer het opnieuw; blijft het misgaan, neem dan contact op met de beheerder.'
