/** A script file's name: `.ts`, `.mts`, `.js` or `.mjs`, not hidden, not a draft starting with `_`. */
const SCRIPT_FILE = /^[^._].*\.(?:ts|mts|js|mjs)$/

/** The TypeScript source a compiled `.js`/`.mjs` file may have been emitted from. */
const TYPESCRIPT_TWIN: Readonly<Record<string, string>> = { '.js': '.ts', '.mjs': '.mts' }

/**
 * The migration scripts among a versions folder's file names, in the order
 * given. Declaration files are not scripts. A `.js` (`.mjs`) file next to a
 * `.ts` (`.mts`) file of the same stem is what `tsc` without `outDir` emits
 * from it: the same revision a second time, so it is left out and the
 * TypeScript source is the script. A `.js` file with no twin is a script.
 *
 * @example
 * migrationScriptNames(['a1_add.ts', 'a1_add.js', 'a1_add.d.ts', 'b2_more.js']) // ['a1_add.ts', 'b2_more.js']
 */
export function migrationScriptNames(names: readonly string[]): string[] {
  const present = new Set(names)
  return names.filter((name) => SCRIPT_FILE.test(name) && !name.endsWith('.d.ts') && !hasTypeScriptTwin(name, present))
}

function hasTypeScriptTwin(name: string, present: ReadonlySet<string>): boolean {
  const extension = /\.m?js$/.exec(name)?.[0]
  if (extension === undefined) return false
  return present.has(name.slice(0, -extension.length) + TYPESCRIPT_TWIN[extension])
}
