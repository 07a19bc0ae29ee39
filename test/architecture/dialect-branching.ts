import ts from 'typescript'
import { DIALECT_URLS } from '../../src/core/dialect-name.js'

/** Every name a dialect goes by: its own and its URL schemes (`mariadb`, `postgres`). */
const NAMES = new Set(Object.entries(DIALECT_URLS).flatMap(([name, { schemes }]) => [name, ...schemes]))
const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
])

const isDialectName = (node: ts.Node): boolean =>
  (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && NAMES.has(node.text)
const propertyName = (node: ts.ObjectLiteralElementLike): string | undefined =>
  node.name !== undefined && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) ? node.name.text : undefined

/**
 * The places in a file that decide something by a dialect's name: a
 * comparison with one, a `case` on one, a `Record<DialectName, …>`, or an
 * object literal keyed by two or more of them (a table of behaviour per
 * dialect). Text inside string literals (generated code) is not code here.
 */
export function dialectBranches(source: ts.SourceFile): string[] {
  const found: string[] = []
  const at = (node: ts.Node, what: string) =>
    found.push(
      `${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}: ${node.getText().slice(0, 80)}`,
    )
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && EQUALITY.has(node.operatorToken.kind) && (isDialectName(node.left) || isDialectName(node.right))) {
      at(node, 'compares a dialect name')
    } else if (ts.isCaseClause(node) && isDialectName(node.expression)) {
      at(node.expression, 'switches on a dialect name')
    } else if (
      ts.isTypeReferenceNode(node) &&
      node.typeName.getText() === 'Record' &&
      node.typeArguments?.[0]?.getText().includes('DialectName')
    ) {
      at(node, 'keys a table by dialect name')
    } else if (ts.isObjectLiteralExpression(node) && node.properties.filter((p) => NAMES.has(propertyName(p) ?? '')).length >= 2) {
      at(node, 'keys an object by dialect name')
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}
