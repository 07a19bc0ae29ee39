import { postgresLiteral } from './literal.js'

/**
 * A PL/pgSQL block run as one statement (`DO`), its body dollar-quoted, or
 * written as a string where the body holds the dollar tag itself (a name or
 * a view's text may): a DO runs in one transaction of its own, so what it
 * does takes effect whole or not at all.
 *
 * @example
 * doBlock("BEGIN RAISE NOTICE 'hi'; END") // "DO $athanor$BEGIN RAISE NOTICE 'hi'; END$athanor$"
 */
export function doBlock(body: string): string {
  return `DO ${body.includes('$athanor$') ? postgresLiteral(body) : `$athanor$${body}$athanor$`}`
}
