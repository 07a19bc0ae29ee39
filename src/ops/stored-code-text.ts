import type { RoutineKind } from '../schema/stored-code.js'

// One identifier as any of the three dialects may write it.
const NAME = '(?:"(?:[^"]|"")*"|`(?:[^`]|``)*`|\\[[^\\]]*\\]|[A-Za-z_\\u0080-\\uFFFF][\\w$\\u0080-\\uFFFF]*)'
// MariaDB's CREATE AGGREGATE FUNCTION is a function; PostgreSQL's CREATE AGGREGATE an aggregate.
const ROUTINE_HEAD = new RegExp(
  '^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:DEFINER\\s*=\\s*\\S+\\s+)?(?:AGGREGATE\\s+)?(FUNCTION|PROCEDURE)\\b' +
    '|^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(AGGREGATE)\\b',
  'i',
)
const TRIGGER_TABLE = new RegExp(
  `\\bTRIGGER\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}(?:\\s*\\.\\s*${NAME})?[\\s\\S]*?\\sON\\s+(${NAME}(?:\\s*\\.\\s*${NAME})?)`,
  'i',
)
const ACCOUNT_PART = "(?:`(?:[^`]|``)*`|'(?:[^']|'')*'|[^\\s@]+)"
const DEFINER = new RegExp(
  `^(\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?)DEFINER\\s*=\\s*(?:${ACCOUNT_PART}@${ACCOUNT_PART}|CURRENT_USER(?:\\(\\))?)\\s+`,
  'i',
)

/**
 * Whether a `CREATE FUNCTION|PROCEDURE|AGGREGATE` statement makes a
 * function, a procedure or (PostgreSQL) an aggregate; `undefined` when it is none.
 *
 * @example
 * routineKindOf('CREATE OR REPLACE PROCEDURE archive() LANGUAGE sql AS $$ DELETE FROM logs $$') // 'procedure'
 * routineKindOf('CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)') // 'aggregate'
 */
export function routineKindOf(definition: string): RoutineKind | undefined {
  const head = ROUTINE_HEAD.exec(definition)
  const kind = head?.[1] ?? head?.[2]
  return kind === undefined ? undefined : (kind.toLowerCase() as RoutineKind)
}

/**
 * The argument list a `CREATE FUNCTION|PROCEDURE|AGGREGATE` statement
 * writes between the parentheses after the routine's name, as written;
 * `undefined` when the statement has none.
 *
 * @example
 * routineArgumentList('CREATE FUNCTION add(a int, b int DEFAULT f(1)) RETURNS int RETURN a + b') // 'a int, b int DEFAULT f(1)'
 */
export function routineArgumentList(definition: string): string | undefined {
  const head = ROUTINE_HEAD.exec(definition)
  if (head === null) return undefined
  const name = new RegExp(`^\\s*${NAME}(?:\\s*\\.\\s*${NAME})?\\s*\\(`).exec(definition.slice(head[0].length))
  if (name === null) return undefined
  const open = head[0].length + name[0].length
  let depth = 1
  for (let at = open; at < definition.length; at = skipQuotedOrComment(definition, at) + 1) {
    const char = definition[at]
    if (char === '(') depth++
    else if (char === ')' && --depth === 0) return definition.slice(open, at).trim()
  }
  return undefined
}

/**
 * Where the quoted name, string literal or comment (`-- …` to the line's
 * end, `/* … *\/`) that starts at `at` ends: the index of its last
 * character; `at` itself when none starts there. What a scanner for
 * parentheses and commas steps over: a comment in an argument list may hold either.
 *
 * @example
 * skipQuotedOrComment('f(a int -- (x\n)', 8) // 13
 * skipQuotedOrComment("'a)b'", 0) // 4
 */
export function skipQuotedOrComment(text: string, at: number): number {
  const char = text[at]
  const end = (found: number, length: number) => (found < 0 ? text.length : found + length - 1)
  if (char === "'" || char === '"' || char === '`') return end(text.indexOf(char, at + 1), 1)
  if (char === '-' && text[at + 1] === '-') return end(text.indexOf('\n', at + 2), 1)
  if (char === '/' && text[at + 1] === '*') return end(text.indexOf('*/', at + 2), 2)
  return at
}

/**
 * The routine's name when a `CREATE FUNCTION|PROCEDURE|AGGREGATE` statement
 * writes it in double quotes (without its schema, unquoted): PostgreSQL keeps
 * such a name as it is, so `"Add"` and `add` are two routines, where it folds a
 * bare name to lower case. `undefined` for a bare or backquoted name (MySQL's
 * routine names are the same in any case).
 *
 * @example
 * quotedRoutineName('CREATE FUNCTION public."Add"(a int) RETURNS int RETURN a') // 'Add'
 * quotedRoutineName('CREATE FUNCTION Add(a int) RETURNS int RETURN a') // undefined
 */
export function quotedRoutineName(definition: string): string | undefined {
  const head = ROUTINE_HEAD.exec(definition)
  if (head === null) return undefined
  const name = new RegExp(`^\\s*(${NAME})(?:\\s*\\.\\s*(${NAME}))?\\s*\\(`).exec(definition.slice(head[0].length))
  const own = name?.[2] ?? name?.[1]
  return own?.startsWith('"') ? unquote(own) : undefined
}

/**
 * The table a `CREATE TRIGGER` statement puts its trigger on, unquoted and
 * without its schema; `undefined` when the text says none.
 *
 * @example
 * triggerTableOf('CREATE TRIGGER touch BEFORE UPDATE OF total ON public."orders" FOR EACH ROW EXECUTE FUNCTION touch()') // 'orders'
 */
export function triggerTableOf(definition: string): string | undefined {
  const qualified = TRIGGER_TABLE.exec(definition)?.[1]
  if (qualified === undefined) return undefined
  const parts = qualified.match(new RegExp(NAME, 'g')) ?? []
  return unquote(parts[parts.length - 1] ?? '')
}

/**
 * The statement as `CREATE OR REPLACE FUNCTION|PROCEDURE|AGGREGATE`, which
 * replaces a PostgreSQL routine in place, keeping the triggers that call it.
 *
 * @example
 * withOrReplace('CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$') // 'CREATE OR REPLACE FUNCTION one() …'
 */
export function withOrReplace(definition: string): string {
  return definition.replace(/^(\s*CREATE\s+)(FUNCTION|PROCEDURE|AGGREGATE)\b/i, '$1OR REPLACE $2')
}

/**
 * The statement without MySQL's `DEFINER=user@host`: the account that
 * created it on one server means nothing on another, and the server fills
 * in whoever runs the migration.
 *
 * @example
 * withoutDefiner('CREATE DEFINER=`root`@`%` TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.n = 1')
 * // 'CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.n = 1'
 */
export function withoutDefiner(definition: string): string {
  return definition.replace(DEFINER, '$1')
}

/**
 * The statement without a closing semicolon, which the runner adds itself.
 *
 * @example
 * withoutClosingSemicolon('CREATE TRIGGER t AFTER INSERT ON x BEGIN DELETE FROM y; END;') // '… DELETE FROM y; END'
 */
export function withoutClosingSemicolon(definition: string): string {
  return definition.trim().replace(/;\s*$/, '')
}

function unquote(name: string): string {
  const first = name.charAt(0)
  if (first === '"') return name.slice(1, -1).replaceAll('""', '"')
  if (first === '`') return name.slice(1, -1).replaceAll('``', '`')
  if (first === '[') return name.slice(1, -1)
  return name
}

/**
 * Whether a routine's statement makes a SQL-language function, whose body
 * PostgreSQL checks against the tables it reads as it makes it (see
 * CreateRoutineOp.checkBody).
 *
 * @example
 * isSqlLanguage('CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$') // true
 * isSqlLanguage("CREATE FUNCTION one() RETURNS int AS 'begin return 1; end' LANGUAGE plpgsql") // false
 */
export function isSqlLanguage(definition: string): boolean {
  return /\bLANGUAGE\s+'?sql'?(?![\w$])/i.test(definition)
}
