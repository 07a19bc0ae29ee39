import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

export const SRC = resolve(import.meta.dirname, '..', '..', 'src')

/** Every TypeScript file under src/, as paths relative to it. */
export function sourceFiles(dir: string = SRC): string[] {
  const found: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path))
    else if (name.endsWith('.ts')) found.push(relative(SRC, path))
  }
  return found
}

export function parse(file: string, text: string = readFileSync(join(SRC, file), 'utf8')): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
}

export interface ImportEdge {
  readonly from: string
  /** The imported file, relative to src/. */
  readonly to: string
  readonly typeOnly: boolean
  readonly line: number
}

/** Relative imports, re-exports and dynamic imports of a file. */
export function importsOf(source: ts.SourceFile): ImportEdge[] {
  const edges: ImportEdge[] = []
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, node: ts.Node) => {
    if (specifier === undefined || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return
    const to = relative(SRC, resolve(SRC, dirname(source.fileName), specifier.text)).replace(/\.js$/, '.ts')
    edges.push({ from: source.fileName, to, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 })
  }
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly === true, node)
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly, node)
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], false, node)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return edges
}
