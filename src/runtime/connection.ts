import type { DialectName, Statement } from '../dialect/types.js'
import type { Row } from '../ops/operation-sink.js'
import type { RowValue } from '../ops/operation.js'

/**
 * The little a runner needs from a database driver. Each dialect folder
 * adapts its driver to this; nothing above the runtime sees a driver.
 */
export interface DatabaseConnection {
  readonly dialect: DialectName
  execute(statement: Statement): Promise<void>
  query(sql: string, params?: readonly RowValue[]): Promise<Row[]>
  hasTable(name: string): Promise<boolean>
  begin(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  readonly inTransaction: boolean
  close(): Promise<void>
}
