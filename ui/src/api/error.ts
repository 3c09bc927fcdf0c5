import type { ErrorReport, ProblemReport } from './types.gen'

/** A failed command: the backend's stable `code` (the UI switches on it), its sentence and, for imports, every problem. */
export class ApiError extends Error {
  readonly code: string
  readonly details: ProblemReport[]

  constructor(code: string, message: string, details: ProblemReport[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }

  /** Whatever a command rejected with, as an ApiError; anything not an ErrorReport is a bug or a broken IPC. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error
    if (isErrorReport(error)) return new ApiError(error.code, error.message, error.details ?? [])
    return new ApiError('internal', error instanceof Error ? error.message : String(error))
  }
}

function isErrorReport(value: unknown): value is ErrorReport {
  return typeof value === 'object' && value !== null && typeof (value as ErrorReport).code === 'string'
}
