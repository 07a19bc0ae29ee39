// Type-checks every JSDoc `@example` in src/, and fails when a public export
// (of either entry point, src/index.ts or src/tools.ts, or a public method of
// the `op` facade) has none: an example that does not compile is worse than
// none, because users copy it.
//
//   node scripts/doc-examples.mjs [--keep] [--all]
//
// Each example becomes one module in a fresh directory under <repo>/tmp/
// (git-ignored; inside the repo so the package's node_modules resolve),
// removed afterwards unless --keep is given. A generated module has:
//
//   1. an import of every public export of the entry points, src/index.ts
//      (`athanor`) then src/tools.ts (`athanor/tools`) (values as values,
//      types with `type`), so an example uses the API as a user would;
//   2. an import of the exports of the module the example documents, which
//      win over public names: `checkRevisionId('a1')` under
//      `checkRevisionId` needs no import line;
//   3. the example's own leading `import` lines, hoisted; they win over both.
//      `from 'athanor'` means src/index.ts, `from 'athanor/tools'`
//      src/tools.ts, and a relative path is relative to the example's source
//      file. Leading `declare` statements are hoisted with them (`declare
//      const project: Project`, for an input that one line cannot build),
//      since `declare` is not allowed inside a function;
//   4. the PRELUDE below: free variables an example may use without
//      building them, for what cannot be made in one line;
//   5. the example, inside an `async function` so `await` works. An example
//      that exports (`export async function upgrade(op) {…}`,
//      `export default defineModels(…)`) is a module of its own and stays at
//      top level, where `await` works too.
//
// All modules are checked in one program with tsconfig.json's options.
// Errors print as `src/file.ts:LINE @example: message`, LINE being the line
// in the comment, and the exit status is 1 on any failure.
//
// scripts/doc-examples-pending.txt lists what is known to be missing in code
// that others own: a line `src/file.ts:name` lets that export (or
// `src/file.ts:Class.method`) go without an example, and `dir:src/folder/`
// lets the examples of files under that folder fail: they are still
// checked and counted, and --all prints their errors. A line that is no
// longer needed is an error, so the list can only shrink.
//
// --keep keeps the generated modules (their path is printed); --all also
// prints the errors of examples under `dir:` lines.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = join(root, 'src')
const entry = join(srcDir, 'index.ts')
/** The package's entry points, by the specifier users import them with; each export of each is public. */
const ENTRIES = new Map([
  ['athanor', entry],
  ['athanor/tools', join(srcDir, 'tools.ts')],
])
const pendingFile = join(root, 'scripts', 'doc-examples-pending.txt')
const keep = process.argv.includes('--keep')
const all = process.argv.includes('--all')

/** Classes whose every public method and getter needs an example of its own: what scripts call. */
const FACADES = [
  { file: 'src/ops/operations.ts', name: 'Operations' },
  { file: 'src/ops/batch-operations.ts', name: 'BatchOperations' },
]

/**
 * Free variables an example may use without declaring them. Keep this short:
 * only what a script or an application is handed, not what one line builds.
 */
const PRELUDE = [
  { name: 'op', text: 'declare const op: Operations', why: 'the `op` a migration script receives' },
  { name: 'batch', text: 'declare const batch: BatchOperations', why: 'what `op.batchAlterTable(table, (batch) => …)` hands its callback' },
  { name: 'graph', text: 'declare const graph: RevisionGraph', why: 'the revision graph of a migrations folder' },
]

const rel = (file) => relative(root, file).split(sep).join('/')
const importPath = (file) => file.split(sep).join('/').replace(/\.ts$/, '.js')

// --- inputs ------------------------------------------------------------------

function readCompilerOptions() {
  const configFile = join(root, 'tsconfig.json')
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile)
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
  return ts.parseJsonConfigFileContent(config, ts.sys, root, { noEmit: true }, configFile).options
}

function readPending() {
  const pending = { exports: new Map(), dirs: new Map() }
  let text = ''
  try {
    text = readFileSync(pendingFile, 'utf8')
  } catch (error) {
    if (error.code !== 'ENOENT') throw error
  }
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/#.*/, '').trim()
    if (line === '') return
    const entry = { line: index + 1, used: false }
    if (line.startsWith('dir:')) pending.dirs.set(line.slice('dir:'.length), entry)
    else pending.exports.set(line, entry)
  })
  return pending
}

function sourceFiles(dir) {
  const found = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path))
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) found.push(path)
  }
  return found
}

const compilerOptions = readCompilerOptions()
const pending = readPending()
const files = sourceFiles(srcDir)
// One program over all of src/: its checker answers what each module exports.
const sourceProgram = ts.createProgram(files, compilerOptions)
const checker = sourceProgram.getTypeChecker() // binds, which sets the parent links getJSDocTags needs

// --- what a module exports ---------------------------------------------------

/**
 * A module's exports as `{ values, types }`. A name is a type when it is not
 * a value, is exported with `type`, or comes through `export type * from`
 * (whose members arrive as the other module's own symbols, not aliases).
 */
function exportsOf(sourceFile) {
  const values = []
  const types = []
  const module = checker.getSymbolAtLocation(sourceFile)
  if (!module) return { values, types }
  const typeStarFiles = new Set(
    sourceFile.statements
      .filter((s) => ts.isExportDeclaration(s) && s.isTypeOnly && !s.exportClause && s.moduleSpecifier)
      .map((s) => resolve(dirname(sourceFile.fileName), s.moduleSpecifier.text.replace(/\.js$/, '.ts'))),
  )
  for (const symbol of checker.getExportsOfModule(module)) {
    if (symbol.name === 'default') continue
    const isAlias = (symbol.flags & ts.SymbolFlags.Alias) !== 0
    const target = isAlias ? checker.getAliasedSymbol(symbol) : symbol
    const declarations = symbol.declarations ?? []
    const typeOnly =
      !(target.flags & ts.SymbolFlags.Value) ||
      declarations.some((d) => ts.isExportSpecifier(d) && (d.isTypeOnly || d.parent.parent.isTypeOnly)) ||
      (!isAlias && declarations.some((d) => typeStarFiles.has(d.getSourceFile().fileName)))
    ;(typeOnly ? types : values).push(symbol.name)
  }
  return { values, types }
}

// --- collecting the examples -------------------------------------------------

/** Every `@example` tag under `node`, from the JSDoc nodes the parser attaches. */
function exampleTags(node, found = []) {
  for (const doc of node.jsDoc ?? []) {
    for (const tag of doc.tags ?? []) if (tag.tagName.text === 'example') found.push(tag)
  }
  ts.forEachChild(node, (child) => {
    exampleTags(child, found) // returns nothing: forEachChild stops at a truthy result
  })
  return found
}

/**
 * The example's text and the source line (0-based) of its first line. The
 * parser has removed the comment's ` * ` margins and kept the indentation;
 * the text starts on the tag's own line when something follows `@example`.
 */
function exampleText(sourceFile, tag) {
  const text = ts.getTextOfJSDocComment(tag.comment) ?? ''
  const first = text.split('\n')[0].trim()
  const lines = sourceFile.text.split('\n')
  let line = sourceFile.getLineAndCharacterOfPosition(tag.tagName.end).line
  while (first !== '' && line < lines.length - 1 && !lines[line].includes(first)) line++
  return { text, firstLine: line }
}

const examples = []
for (const file of files) {
  const sourceFile = sourceProgram.getSourceFile(file)
  const pendingDir = [...pending.dirs.keys()].find((dir) => rel(file).startsWith(dir))
  for (const tag of exampleTags(sourceFile)) {
    const tagLine = sourceFile.getLineAndCharacterOfPosition(tag.tagName.getStart(sourceFile)).line
    examples.push({ file, sourceFile, tagLine, pendingDir, ...exampleText(sourceFile, tag) })
  }
}

// --- writing one module per example ----------------------------------------

const publicExports = [...ENTRIES.values()].map((file) => ({ file, exports: exportsOf(sourceProgram.getSourceFile(file)) }))
const exportsByFile = new Map()
const moduleExports = (sourceFile) => {
  if (!exportsByFile.has(sourceFile)) exportsByFile.set(sourceFile, exportsOf(sourceFile))
  return exportsByFile.get(sourceFile)
}
mkdirSync(join(root, 'tmp'), { recursive: true })
const outDir = mkdtempSync(join(root, 'tmp', 'doc-examples-'))
process.on('exit', () => {
  if (keep) console.log(`examples kept in ${rel(outDir)}`)
  else rmSync(outDir, { recursive: true, force: true })
})
const generated = new Map()

/** `import { a, type B } from 'path'` for the names not in `taken`, which it then takes. */
function importLine({ values, types }, from, taken) {
  const names = [...values.filter((n) => !taken.has(n)), ...types.filter((n) => !taken.has(n)).map((n) => `type ${n}`)]
  for (const name of [...values, ...types]) taken.add(name)
  return names.length === 0 ? undefined : `import { ${names.join(', ')} } from ${JSON.stringify(importPath(from))}`
}

function importedNames(declaration, into) {
  const clause = declaration.importClause
  if (!clause) return
  if (clause.name) into.add(clause.name.text)
  const bindings = clause.namedBindings
  if (bindings && ts.isNamespaceImport(bindings)) into.add(bindings.name.text)
  if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) into.add(element.name.text)
}

function declaredNames(statement, into) {
  if (ts.isVariableStatement(statement)) {
    for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) into.add(d.name.text)
  } else if (statement.name && ts.isIdentifier(statement.name)) {
    into.add(statement.name.text)
  }
}

const isDeclare = (s) => ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)

const isExport = (s) =>
  ts.isExportAssignment(s) ||
  ts.isExportDeclaration(s) ||
  (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword))

examples.forEach((example, index) => {
  const body = ts.createSourceFile('example.ts', example.text, ts.ScriptTarget.ES2022, true)
  const taken = new Set() // names bound at the module's top level, first binding wins
  const out = [] // [text, source line (0-based)]
  const header = (text) => out.push([text, example.tagLine])
  header(`// ${rel(example.file)}:${example.firstLine + 1}`)

  // The example's own imports, with 'athanor' and relative paths made absolute,
  // and its leading `declare` statements.
  let bodyStart = 0
  const ownImports = []
  for (const statement of body.statements) {
    const start = statement.getStart(body)
    let text
    if (isDeclare(statement)) {
      declaredNames(statement, taken)
      text = example.text.slice(start, statement.end)
    } else if (ts.isImportDeclaration(statement)) {
      importedNames(statement, taken)
      const specifier = statement.moduleSpecifier
      const target =
        ENTRIES.get(specifier.text) ?? (specifier.text.startsWith('.') ? resolve(dirname(example.file), specifier.text) : undefined)
      text =
        target === undefined
          ? example.text.slice(start, statement.end)
          : example.text.slice(start, specifier.getStart(body)) +
            JSON.stringify(importPath(target)) +
            example.text.slice(specifier.end, statement.end)
    } else break
    const line = example.firstLine + body.getLineAndCharacterOfPosition(start).line
    for (const [i, part] of text.split('\n').entries()) ownImports.push([part, line + i])
    bodyStart = statement.end
  }
  const isModule = body.statements.some(isExport)
  if (isModule) for (const statement of body.statements) declaredNames(statement, taken)

  const isEntry = publicExports.some(({ file }) => file === example.file)
  const moduleImport = isEntry ? undefined : importLine(moduleExports(example.sourceFile), example.file, taken)
  const publicImports = publicExports.map(({ file, exports }) => importLine(exports, file, taken))
  for (const line of [...publicImports, moduleImport]) if (line) header(line)
  out.push(...ownImports)
  for (const { name, text, why } of PRELUDE) {
    if (!taken.has(name)) header(`/** ${why} */ ${text}`)
  }

  const restFirstLine = example.text.slice(0, bodyStart).split('\n').length - 1
  if (!isModule) header('export async function example(): Promise<void> {')
  for (const [i, text] of example.text.slice(bodyStart).split('\n').entries()) out.push([text, example.firstLine + restFirstLine + i])
  if (!isModule) header('}')

  const name = `${String(index).padStart(4, '0')}-${rel(example.file)
    .replace(/^src\//, '')
    .replaceAll('/', '_')
    .replace(/\.ts$/, '')}.ts`
  const path = join(outDir, name)
  writeFileSync(path, `${out.map(([text]) => text).join('\n')}\n`)
  generated.set(path, { example, lines: out.map(([, line]) => line) })
})

// --- checking ----------------------------------------------------------------

const failures = []
const failed = new Set()
const pendingFailures = [] // errors of examples under `dir:` lines, printed with --all
const program = ts.createProgram([...generated.keys()], compilerOptions, undefined, sourceProgram)
for (const [path, { example, lines }] of generated) {
  const sourceFile = program.getSourceFile(path)
  for (const diagnostic of [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]) {
    const at = diagnostic.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line
    const line = (lines[at] ?? example.tagLine) + 1
    const message = `${rel(example.file)}:${line} @example: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`
    if (example.pendingDir === undefined) failures.push(message)
    else {
      pendingFailures.push(message)
      pending.dirs.get(example.pendingDir).used = true
    }
    failed.add(path)
  }
}

// Every public export, followed to its declaration, and every public method
// and getter of the facades, needs an example of its own.
const missing = []
const hasExample = (declarations) => declarations.some((d) => ts.getJSDocTags(d).some((tag) => tag.tagName.text === 'example'))
function requireExample(declarations, name) {
  if (hasExample(declarations)) return
  const allowed = pending.exports.get(name)
  if (allowed) allowed.used = true
  else missing.push(name)
}

const seen = new Set()
for (const file of ENTRIES.values()) {
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(sourceProgram.getSourceFile(file)))) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
    const declarations = target.declarations ?? []
    if (declarations.length === 0 || seen.has(target)) continue
    seen.add(target)
    requireExample(declarations, `${rel(declarations[0].getSourceFile().fileName)}:${target.name}`)
  }
}

for (const facade of FACADES) {
  const sourceFile = sourceProgram.getSourceFile(join(root, facade.file))
  const declaration = sourceFile?.statements.find((s) => ts.isClassDeclaration(s) && s.name?.text === facade.name)
  if (!declaration) {
    failures.push(`${facade.file}: class ${facade.name} not found; update FACADES in scripts/doc-examples.mjs`)
    continue
  }
  const members = new Map()
  for (const member of declaration.members) {
    if (!ts.isMethodDeclaration(member) && !ts.isGetAccessor(member) && !ts.isSetAccessor(member)) continue
    if (ts.isPrivateIdentifier(member.name)) continue
    const hidden = (ts.getModifiers(member) ?? []).some(
      (m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword,
    )
    if (hidden) continue
    const name = `${facade.file}:${facade.name}.${member.name.getText(sourceFile)}`
    members.set(name, [...(members.get(name) ?? []), member])
  }
  for (const [name, declarations] of members) requireExample(declarations, name)
}

for (const name of missing) failures.push(`${name}: public, but has no JSDoc @example`)
for (const [name, { line, used }] of pending.exports) {
  if (!used) failures.push(`${rel(pendingFile)}:${line}: ${name} has an @example now, or is not public: remove the line`)
}
for (const [dir, { line, used }] of pending.dirs) {
  if (!used) failures.push(`${rel(pendingFile)}:${line}: every example under ${dir} type-checks: remove the line dir:${dir}`)
}

// --- report ------------------------------------------------------------------

if (all) for (const failure of pendingFailures) console.log(`(pending) ${failure}`)
for (const failure of failures) console.log(failure)
const allowed = [...pending.exports.values()].filter((e) => e.used).length
const pendingFailed = new Set(
  [...generated].filter(([path, { example }]) => failed.has(path) && example.pendingDir !== undefined).map(([path]) => path),
).size
if (allowed > 0 || pending.dirs.size > 0) {
  console.log(
    `pending (${rel(pendingFile)}): ${allowed} public names without an example; ` +
      `${pendingFailed} failing examples allowed under ${[...pending.dirs.keys()].join(', ') || 'no folder'}` +
      `${all ? '' : ' (--all lists them)'}`,
  )
}
console.log(
  `${generated.size} examples type-checked, ${failed.size - pendingFailed} failed` +
    `${pendingFailed > 0 ? ` (and ${pendingFailed} pending)` : ''}` +
    `${missing.length > 0 ? `; ${missing.length} public ${missing.length === 1 ? 'name' : 'names'} without an example` : ''}`,
)
process.exit(failures.length > 0 ? 1 : 0)
