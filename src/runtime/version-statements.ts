import type { DialectCompiler, Statement } from '../dialect/types.js'
import type { VersionRowChange } from '../revision/types.js'

export function versionChangeStatement(compiler: DialectCompiler, table: string, change: VersionRowChange): Statement {
  switch (change.kind) {
    case 'insert':
      return compiler.versionTable.insert(table, change.id)
    case 'delete':
      return compiler.versionTable.delete(table, change.id)
    case 'update':
      return compiler.versionTable.update(table, change.from, change.to)
  }
}
