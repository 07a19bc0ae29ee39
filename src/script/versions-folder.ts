import { type Dirent, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { AthanorError } from '../core/errors.js'
import { describeThrown } from '../core/thrown.js'
import { migrationScriptNames } from './script-files.js'

/**
 * The names of a versions folder's migration scripts, sorted (which names
 * are scripts: see migrationScriptNames). A folder is not a script whatever
 * its name, nor a symbolic link to one: like Alembic, athanor reads only
 * the files of a version location, not what lies below it. An entry named
 * like a script that is no file (a symbolic link to nothing, a named pipe,
 * which a read would wait on forever) fails with SCRIPT_UNREADABLE naming it.
 *
 * @example
 * scriptNamesIn('/app/migrations/versions') // ['ae1027a6acf0_add_email.ts', …]
 */
export function scriptNamesIn(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true })
  // Only entries the listing does not already call files are looked at again: a script symlinked in, or a folder.
  const kinds = new Map(entries.filter((entry) => !entry.isFile()).map((entry) => [entry.name, kindOf(entry, join(folder, entry.name))]))
  const names = entries.map((entry) => entry.name).filter((name) => kinds.get(name) !== 'folder')
  const scripts = migrationScriptNames(names.sort())
  for (const name of scripts) {
    const kind = kinds.get(name)
    if (kind !== undefined && kind !== 'file' && kind !== 'folder') throw unreadable(join(folder, name), kind)
  }
  return scripts
}

/**
 * A script's text, or SCRIPT_UNREADABLE naming it (no permission to read
 * it, or it went away since the folder was listed).
 *
 * @example
 * readScriptText('/app/migrations/versions/ae1027a6acf0_add_email.ts').startsWith('/**')
 */
export function readScriptText(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new AthanorError('SCRIPT_UNREADABLE', `${file}: cannot read this migration script: ${describeThrown(error)}`, { cause: error })
  }
}

type EntryKind = 'file' | 'folder' | 'other' | { readonly unreachable: unknown }

/** What an entry is once symbolic links are followed. */
function kindOf(entry: Dirent, path: string): EntryKind {
  if (entry.isDirectory()) return 'folder'
  try {
    const stats = statSync(path)
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other'
  } catch (error) {
    return { unreachable: error }
  }
}

function unreadable(path: string, kind: Exclude<EntryKind, 'file' | 'folder'>): AthanorError {
  if (kind === 'other') {
    return new AthanorError(
      'SCRIPT_UNREADABLE',
      `${path}: not a regular file (a named pipe, socket or device), so not a migration script; move it out of the versions folder`,
    )
  }
  const error = kind.unreachable
  const link = lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink() === true ? readlinkSync(path) : undefined
  const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
  const why = link !== undefined && missing ? `it is a symbolic link to ${link}, which does not exist` : describeThrown(error)
  return new AthanorError('SCRIPT_UNREADABLE', `${path}: cannot read this migration script: ${why}`, { cause: error })
}
