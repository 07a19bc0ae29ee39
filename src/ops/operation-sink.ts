import type { DialectName } from '../core/dialect-name.js'
import type { Operation, RowValue } from './operation.js'

/** A row read back from the database. */
export type Row = Record<string, unknown>

/**
 * Where the `op` facade sends what a script asks for. The runtime provides
 * two: one that runs SQL on a connection, one that writes a SQL script.
 */
export interface OperationSink {
  readonly dialect: DialectName
  readonly offline: boolean
  run(op: Operation): Promise<void>
  query(sql: string, params: readonly RowValue[]): Promise<Row[]>
}
