import type { Operation } from './operation.js'

/**
 * A note for the script's author as an operation: an `op.execute` of one
 * SQL comment line, which runs as nothing. Line breaks in `text` (a label,
 * a type or an expression read from the database) become spaces, so no
 * part of it can fall out of the comment and run.
 *
 * @example
 * commentOperation("enum mood keeps the label 'ok'") // { kind: 'execute', sql: "-- enum mood keeps the label 'ok'" }
 */
export function commentOperation(text: string): Operation {
  return { kind: 'execute', sql: `-- ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}` }
}
