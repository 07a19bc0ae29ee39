import { FOUR_BYTE } from './four-byte-texts.js'

/**
 * Why MySQL/MariaDB cannot keep a table or column comment as written, or
 * undefined. They store comments in utf8mb3 whatever the table's charset,
 * and turn a 4-byte character into `?` without an error, strict mode or
 * not: the table would be made with another comment than its model's,
 * `pull` would write the `?`, and `check` would find it changed every time.
 *
 * @example
 * mysqlCommentFault('orders \u{1F4E6}') // 'holds "\u{1F4E6}", a 4-byte character, which MySQL and MariaDB store in a comment as "?" …'
 * mysqlCommentFault('caf\u00e9') // undefined
 */
export function mysqlCommentFault(comment: string): string | undefined {
  const found = FOUR_BYTE.exec(comment)?.[0]
  if (found === undefined) return undefined
  return (
    `holds "${found}", a 4-byte character, which MySQL and MariaDB store in a comment as "?" (comments are utf8mb3), ` +
    'so the database could never match the model: leave it out of the comment'
  )
}
