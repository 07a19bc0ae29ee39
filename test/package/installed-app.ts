// An application that installed athanor the way a user does: from the
// tarball `npm pack` makes, with npm, in a folder of its own, and with no
// network and an empty npm cache. The packages npm would download (the
// database driver the app chose, esbuild) are copied from this checkout's
// node_modules first, with their whole dependency trees as package-lock.json
// records them, so npm finds them installed and fetches nothing.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../..', import.meta.url))

/** What a process printed and how it ended. */
export interface Run {
  readonly status: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Packs this checkout into `dir` as `npm pack` does for a release, without
 * the prepack build (`node scripts/build.mjs` has made dist/ already), and
 * returns the tarball's path.
 */
export function packAthanor(dir: string): string {
  if (!existsSync(join(REPO, 'dist', 'bundle', 'cli.js'))) throw new Error('dist/ is not built: run node scripts/build.mjs first')
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: REPO, encoding: 'utf8' })
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`)
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }]
  return join(dir, filename)
}

interface LockEntry {
  readonly version: string
  readonly dependencies?: Record<string, string>
  readonly optionalDependencies?: Record<string, string>
  readonly optional?: boolean
  readonly os?: readonly string[]
  readonly cpu?: readonly string[]
  readonly bin?: string | Record<string, string>
}

const LOCK = (JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages

/** Where Node would find `name` from the package at `from` (a lockfile path such as `node_modules/pg`). */
function locate(from: string, name: string): string | undefined {
  let base = from
  for (;;) {
    const candidate = `${base}/node_modules/${name}`.replace(/^\//, '')
    if (LOCK[candidate]) return candidate
    if (base === '') return undefined
    const parent = base.lastIndexOf('/node_modules/')
    base = parent < 0 ? '' : base.slice(0, parent)
  }
}

/** The lockfile paths of these packages and of everything they need on this platform. */
function dependencyTree(names: readonly string[]): string[] {
  const found = new Set<string>()
  const visit = (path: string): void => {
    const entry = LOCK[path]
    if (!entry || found.has(path)) return
    if (entry.os && !entry.os.includes(process.platform)) return
    if (entry.cpu && !entry.cpu.includes(process.arch)) return
    found.add(path)
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const dependency = locate(path, name)
      if (dependency) visit(dependency)
    }
  }
  for (const name of names) visit(`node_modules/${name}`)
  return [...found]
}

/**
 * Copies packages into `app/node_modules` with their dependency trees, and
 * links their commands into node_modules/.bin as npm would (npm reinstalls a
 * package whose command links are missing).
 */
function copyInstalled(app: string, names: readonly string[]): void {
  const bin = join(app, 'node_modules', '.bin')
  mkdirSync(bin, { recursive: true })
  for (const path of dependencyTree(names)) {
    cpSync(join(REPO, path), join(app, path), { recursive: true, dereference: true })
    const commands = LOCK[path]!.bin
    if (commands === undefined || path.lastIndexOf('node_modules/') !== 0) continue
    const table = typeof commands === 'string' ? { [path.slice('node_modules/'.length)]: commands } : commands
    for (const [command, target] of Object.entries(table)) symlinkSync(relative(bin, join(app, path, target)), join(bin, command))
  }
}

/** The version of a package this checkout has installed, for the app's package.json. */
export function installedVersion(name: string): string {
  return LOCK[`node_modules/${name}`]!.version
}

export interface InstalledApp {
  readonly dir: string
  /** What `npm install` printed. */
  readonly install: Run
  /** `npx athanor ARGS` in the app, with `env` on top of a clean environment. */
  athanor(args: readonly string[], env?: Record<string, string>): Promise<Run>
  /** `node FILE` in the app. */
  node(file: string, env?: Record<string, string>): Promise<Run>
  write(path: string, text: string): void
  read(path: string): string
}

/**
 * Makes an application in `dir` whose package.json depends on the tarball
 * and on `drivers`, and runs `npm install --offline` in it with an empty
 * cache. `type` is the app's package type: `module`, or `commonjs`, where
 * package.json says nothing of it, as in most existing Node apps.
 */
export async function installApp(
  dir: string,
  tarball: string,
  drivers: readonly string[],
  type: 'module' | 'commonjs',
): Promise<InstalledApp> {
  mkdirSync(dir, { recursive: true })
  const dependencies: Record<string, string> = { athanor: `file:${tarball}` }
  for (const driver of drivers) dependencies[driver] = installedVersion(driver)
  const manifest = { name: 'athanor-user-app', version: '1.0.0', private: true, ...(type === 'module' ? { type } : {}), dependencies }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  copyInstalled(dir, ['esbuild', ...drivers])
  const install = await run('npm', ['install', '--no-audit', '--no-fund'], dir, {})
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`)
  return {
    dir,
    install,
    athanor: (args, env = {}) => run('npx', ['--no', 'athanor', ...args], dir, env),
    node: (file, env = {}) => run(process.execPath, [file], dir, env),
    write: (path, text) => {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), text)
    },
    read: (path) => readFileSync(join(dir, path), 'utf8'),
  }
}

/**
 * Runs a command in an app with a clean environment (no DATABASE_URL of the
 * machine leaks in), npm offline and its cache an empty folder beside the app.
 */
export function run(command: string, args: readonly string[], cwd: string, env: Record<string, string>): Promise<Run> {
  const base = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? '',
    npm_config_offline: 'true',
    npm_config_cache: join(cwd, '..', 'npm-cache'),
    npm_config_update_notifier: 'false',
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }))
  })
}
