const NAME = String.raw`(?:"(?:[^"]|"")+"|\x60[^\x60]+\x60|[\w$]+)(?:\.(?:"(?:[^"]|"")+"|\x60[^\x60]+\x60|[\w$]+))?`

/** Statement shapes and where in each the table (or index) it locks is named. */
const SHAPES: readonly RegExp[] = [
  new RegExp(
    String.raw`^\s*(?:ALTER|DROP|TRUNCATE|LOCK|VACUUM|CLUSTER|REINDEX|COMMENT\s+ON)\s+` +
      String.raw`(?:TABLE\s+|INDEX\s+|VIEW\s+|MATERIALIZED\s+VIEW\s+|SEQUENCE\s+)?` +
      String.raw`(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${NAME})`,
    'i',
  ),
  new RegExp(String.raw`^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\b[\s\S]*?\bON\s+(?:ONLY\s+)?(${NAME})`, 'i'),
  new RegExp(String.raw`^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:CONSTRAINT\s+)?TRIGGER\b[\s\S]*?\bON\s+(${NAME})`, 'i'),
  new RegExp(String.raw`^\s*(?:INSERT\s+INTO|UPDATE(?:\s+ONLY)?|DELETE\s+FROM(?:\s+ONLY)?)\s+(${NAME})`, 'i'),
]

/**
 * The table (or index) a statement names as the object it changes, for a
 * message about the lock it waited for; `undefined` when its shape does not
 * say. Read from the text, as the server's lock-timeout error names no object.
 *
 * @example
 * statementTarget('ALTER TABLE public.items ADD COLUMN note text') // 'public.items'
 * statementTarget('CREATE UNIQUE INDEX ix ON "Items" (name)')     // '"Items"'
 * statementTarget('SELECT 1')                                      // undefined
 */
export function statementTarget(sql: string): string | undefined {
  const text = sql.replace(/^(?:\s*(?:--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, '')
  for (const shape of SHAPES) {
    const found = shape.exec(text)?.[1]
    if (found !== undefined) return found
  }
  return undefined
}
