/**
 * Where an offline script records a check that failed, to be acted on only
 * at the migration's end: a sqlite3 shell that goes on after an error runs
 * every later statement inside the still open transaction, and the guard
 * before COMMIT then rolls all of it back.
 */
export const FAILED_CHECKS = 'temp."_athanor_failed"'

/** Creates {@link FAILED_CHECKS} when the migration has not yet. */
export const CREATE_FAILED_CHECKS = `CREATE TEMP TABLE IF NOT EXISTS "_athanor_failed" (what TEXT NOT NULL)`
