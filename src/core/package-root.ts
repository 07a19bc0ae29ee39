import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * athanor's own folder (where its package.json is), found by walking up from
 * this module, so paths hold whether the code runs from src/, from dist/ or
 * from the bundled CLI.
 */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)))

/** Tests run the TypeScript sources directly; everyone else runs dist/. */
const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts')

/** A module of athanor's by its path under src/, e.g. `script/ts-loader-hooks`. */
export function ownModuleUrl(modulePath: string): URL {
  const file = RUNNING_FROM_SOURCE ? join(PACKAGE_ROOT, 'src', `${modulePath}.ts`) : join(PACKAGE_ROOT, 'dist', `${modulePath}.js`)
  return pathToFileURL(file)
}

/**
 * What `import … from 'athanor'` means inside scripts and models: the bundled
 * library, which shares its classes with the bundled CLI (one module instead
 * of a hundred to load, and one `AthanorError` for both).
 */
export function libraryEntryUrl(): URL {
  return RUNNING_FROM_SOURCE ? ownModuleUrl('index') : pathToFileURL(join(PACKAGE_ROOT, 'dist', 'bundle', 'index.js'))
}

/**
 * The light entry of the same bundle (src/light.ts): what a module whose
 * every import from `athanor` it exports is pointed at, so that a config
 * file does not load the whole library.
 *
 * @example
 * lightEntryUrl().href // 'file:///app/node_modules/athanor/dist/bundle/light.js'
 */
export function lightEntryUrl(): URL {
  return RUNNING_FROM_SOURCE ? ownModuleUrl('light') : pathToFileURL(join(PACKAGE_ROOT, 'dist', 'bundle', 'light.js'))
}

/**
 * The models entry of the same bundle (src/models-entry.ts): the light one
 * and the schema DSL, what a models file imports.
 *
 * @example
 * modelsEntryUrl().href // 'file:///app/node_modules/athanor/dist/bundle/models.js'
 */
export function modelsEntryUrl(): URL {
  return RUNNING_FROM_SOURCE ? ownModuleUrl('models-entry') : pathToFileURL(join(PACKAGE_ROOT, 'dist', 'bundle', 'models.js'))
}

function findPackageRoot(start: string): string {
  let dir = start
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) return start
    dir = parent
  }
  return dir
}
