import { AthanorError } from '../core/errors.js'
import { describePossibleRename, type PossibleRename, possibleRenames } from '../diff/possible-renames.js'
import { type RoundingChange, roundingChanges } from '../diff/rounding-changes.js'
import { MultipleHeadsError } from '../core/error-classes.js'
import { openProject, type Project } from '../config/project.js'
import { dialectNamed } from '../dialect/registry.js'
import { onlineForms, type OnlineForms, tableKey } from '../diff/online-forms.js'
import { renderScript } from '../ops/render-script.js'
import type { Operation } from '../ops/operation.js'
import { type ComparedDatabase, compareModels, type CompareOptions } from '../runtime/compare-models.js'
import type { Table } from '../schema/types.js'
import type { DatabaseOps } from '../script/multidb-body.js'
import { renderDatabaseScripts } from '../script/multidb-body.js'
import { validateRevisionId } from '../script/revision-id.js'
import { revision, type RevisionOptions, type RevisionResult } from './revision.js'

/**
 * Options of `migrate`: where the models are (as for `check`), and the new
 * script's message, parent and location (as for `revision`).
 *
 * @example
 * await migrate({ directory: 'migrations', models: 'src/models.ts', message: 'add email' })
 */
export interface AutogenerateOptions extends CompareOptions, Omit<RevisionOptions, 'body'> {
  /**
   * Refuse (`POSSIBLE_RENAME`) rather than write a drop and an add that may
   * be a rename; the config's `strictRenames` sets the default.
   */
  readonly strictRenames?: boolean
  /** Each possible rename was put to someone (a terminal prompt): write what they answered, no warning. */
  readonly renamesAsked?: boolean
}

/**
 * What `migrate` found and wrote: the operations, per database and in all,
 * and the new script unless nothing changed.
 *
 * @example
 * const { ops, revision } = await migrate({ directory: 'migrations', message: 'add email' })
 * console.log(revision ? `${revision.path}: ${ops.length} operations` : 'no changes, no script')
 */
export interface AutogenerateResult {
  readonly ops: readonly Operation[]
  /** The operations of each database, in config order; a single-database project has one entry. */
  readonly databases: readonly DatabaseOps[]
  /** The new script; absent when nothing changed (no file is written). */
  readonly revision?: RevisionResult
  /** Drops and adds that may be renames, noted in the script; empty when renames were asked about. */
  readonly possibleRenames: readonly PossibleRename[]
  /** Columns narrowed to fewer digits, whose values upgrade rounds: noted in the script. */
  readonly roundingChanges: readonly RoundingChange[]
}

/**
 * Compares the models with the database and writes the difference as a new
 * migration script (`flask db migrate`, `revision --autogenerate`): upgrade
 * holds the operations, downgrade their reverses in reverse order. No
 * changes, no file. With several databases the script has one upgrade and
 * one downgrade per database; every database is compared, since every
 * revision is applied to each of them.
 *
 * @example
 * const { revision } = await migrate({ directory: 'migrations', message: 'add email' })
 * revision?.path // '<cwd>/migrations/versions/<id>_add_email.ts', or undefined when nothing changed
 */
export async function migrate(options: AutogenerateOptions): Promise<AutogenerateResult> {
  // Before the comparison, which may take a while: the id is wrong either way.
  if (options.revId !== undefined) validateRevisionId(options.revId)
  if (options.head === undefined) await refuseSeveralHeads(options)
  const compared = await compareModels(options)
  const { project } = compared
  if (compared.ops.length === 0) return { ops: compared.ops, databases: compared.databases, possibleRenames: [], roundingChanges: [] }
  const online = onlineFormsOf(project, compared.databases, compared.modelTables ?? [])
  const ops = online?.ops ?? compared.ops
  const databases = online === undefined ? compared.databases : compared.databases.map((database) => ({ ...database, ops }))
  const elsewhere = compared.databases.flatMap((database) => database.elsewhere)
  const possible = options.renamesAsked === true ? [] : possibleRenames(ops, elsewhere)
  if (possible.length > 0 && (options.strictRenames ?? project.config.strictRenames ?? false)) {
    throw new AthanorError(
      'POSSIBLE_RENAME',
      `no script written: ${possible.map(describePossibleRename).join('; ')}; ` +
        'if the drop and the add are meant, pass --no-strict-renames',
    )
  }
  const kept = online?.keptPlain
  const suppress = kept === undefined ? undefined : (op: Operation) => suppression(kept.ops.get(op), recreatedNamed(kept))
  const rendered = project.databases === undefined ? renderScript(ops, suppress) : renderDatabaseScripts(project.databases, databases)
  const note = possible.map((rename) => `//   ${describePossibleRename(rename)}`)
  const outside = online?.transactional === false ? NON_TRANSACTIONAL : kept === undefined ? '' : inOneTransaction(recreatedNamed(kept))
  const renames =
    note.length === 0
      ? ''
      : `\n\n// Possible renames, written as a drop and an add, which loses the data (a sequence: its place).\n${besideNote(possible)}` +
        `// If one is a rename, delete this script and run migrate again with the flag named:\n${note.join('\n')}`
  const rounding = databases.flatMap((database) => roundingChanges(database.ops, dialectNamed(database.dialect).diffHooks))
  const body = { ...rendered, imports: `${rendered.imports}${outside}${renames}${roundingNote(rounding)}` }
  const written = await revision({ ...options, body })
  return { ops, databases, revision: written, possibleRenames: possible, roundingChanges: rounding }
}

/** The script's comment on the columns narrowed to fewer digits, which the upgrade rounds without a word. */
function roundingNote(changes: readonly RoundingChange[]): string {
  if (changes.length === 0) return ''
  return (
    '\n\n// Columns narrowed to fewer digits, which rounds the values they hold (or cuts them) without an error:\n' +
    '// check the data they hold first, or keep the digits in the models.\n' +
    changes.map((change) => `//   column ${change.column}: ${change.digits}`).join('\n')
  )
}

/** The header's word on a table left in another schema (see PossibleRename): not dropped, but its rows are not in the new one. */
function besideNote(possible: readonly PossibleRename[]): string {
  if (!possible.some((rename) => rename.kind === 'elsewhere')) return ''
  return '// A table left in a schema the models no longer name is not dropped: a new, empty one is made beside it.\n'
}

const NON_TRANSACTIONAL =
  '\n\n// Changes to tables in use, in forms that do not block them (CONCURRENTLY, NOT VALID then VALIDATE):\n' +
  '// they work only outside a transaction, so each statement commits on its own (config safeOperations: false\n' +
  '// writes the plain forms in a transaction).\nexport const transactional = false'

/** What a migration drops and creates again: `routine twice`, `foreign key fk_a and routine twice`. */
function recreatedNamed(kept: {
  readonly routines: readonly string[]
  readonly foreignKeys: readonly string[]
  readonly policies: readonly string[]
  readonly exclusions: readonly string[]
}): string {
  const named = (what: string, names: readonly string[]) =>
    names.length === 0 ? [] : [`${what}${names.length === 1 ? '' : 's'} ${names.join(', ')}`]
  const policies = kept.policies.length === 0 ? [] : [`polic${kept.policies.length === 1 ? 'y' : 'ies'} ${kept.policies.join(', ')}`]
  return [
    ...named('foreign key', kept.foreignKeys),
    ...named('routine', kept.routines),
    ...policies,
    ...named('exclusion constraint', kept.exclusions),
  ].join(' and ')
}

/** The comment of a script whose changes to tables in use keep their plain forms, for what it drops and creates. */
function inOneTransaction(recreated: string): string {
  return (
    `\n\n// This migration drops and creates the ${recreated} again: it runs in one transaction, so a failure\n` +
    '// leaves the database as it was, with what it drops and creates in place; its changes to tables in use keep their plain\n' +
    '// forms (the lock-free ones of safeOperations each commit on their own) and hold their locks to the end.'
  )
}

/** The lint suppression over an operation kept plain: the rules its plain form trips, and why it stays. */
function suppression(rules: readonly string[] | undefined, recreated: string): string[] {
  if (rules === undefined) return []
  return [`// athanor-lint-ignore ${rules.join(', ')}: in the transaction that drops and creates the ${recreated}, so none is half done`]
}

/**
 * The lock-free forms of the operations (see onlineForms), for a project
 * with one database whose dialect has them, unless the config's
 * `safeOperations` is false; `undefined` where the plain forms stay.
 */
function onlineFormsOf(project: Project, databases: readonly ComparedDatabase[], models: readonly Table[]): OnlineForms | undefined {
  const [only] = databases
  if (project.databases !== undefined || project.config.safeOperations === false || only === undefined) return undefined
  const partitioned = new Set(models.filter((t) => t.postgresql?.partitionBy !== undefined).map((t) => tableKey(t.name, t.schema)))
  return dialectNamed(only.dialect).diffHooks.onlineForms ? onlineForms(only.ops, partitioned) : undefined
}

/**
 * With several heads the new script would have no one parent, and the
 * database cannot be at "head" to compare with: the branches are merged
 * first (or `--head` names the one to build on). Checked before anything
 * connects, so the advice is not "run upgrade", which would fail the same way.
 */
async function refuseSeveralHeads(options: AutogenerateOptions): Promise<void> {
  const heads = [...(await (await openProject(options)).scripts()).graph.heads].sort()
  if (heads.length <= 1) return
  throw new MultipleHeadsError(
    `multiple heads are present (${heads.join(', ')}): merge them first with 'athanor merge -m "merge heads" heads' ` +
      "and 'athanor upgrade', or pass --head REV to build on one of them",
    { heads },
  )
}
