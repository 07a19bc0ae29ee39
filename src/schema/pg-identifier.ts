// PostgreSQL's key words other than the UNRESERVED ones, by category as
// src/include/parser/kwlist.h lists them (documentation, Appendix C "SQL Key
// Words"): quote_ident and format_type quote a name that is one of these, so
// athanor writes such a name quoted too, and what it writes equals what the
// catalog prints. The lists are PostgreSQL 18's (pg_get_keywords() of PGlite's
// 18 and of a 15 server agree with them, 15 lacking system_user, json, the
// json_* functions and merge_action): quoting one of those is still valid SQL
// on 15, where format_type writes it bare.
const RESERVED =
  'all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create current_catalog ' +
  'current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false ' +
  'fetch for foreign from grant group having in initially intersect into lateral leading limit localtime localtimestamp not null ' +
  'offset on only or order placing primary references returning select session_user some symmetric system_user table then to ' +
  'trailing true union unique user using variadic when where window with'
const TYPE_FUNC_NAME =
  'authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left like natural ' +
  'notnull outer overlaps right similar tablesample verbose'
const COL_NAME =
  'between bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout int integer interval ' +
  'json json_array json_arrayagg json_exists json_object json_objectagg json_query json_scalar json_serialize json_table ' +
  'json_value least merge_action national nchar none normalize nullif numeric out overlay position precision real row setof ' +
  'smallint substring time timestamp treat trim values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest ' +
  'xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable'

const KEYWORDS: ReadonlySet<string> = new Set(`${RESERVED} ${TYPE_FUNC_NAME} ${COL_NAME}`.split(' '))

/**
 * Whether PostgreSQL's quote_ident leaves `name` bare: a lower-case ASCII
 * letter or `_`, then lower-case letters, digits and `_` only (a `$` or any
 * other character is quoted), and not a key word other than an unreserved one.
 *
 * @example
 * pgIdentifierIsBare('action') // true (an unreserved key word)
 * pgIdentifierIsBare('order') // false (reserved)
 * pgIdentifierIsBare('Mood') // false (it would fold to mood)
 */
export function pgIdentifierIsBare(name: string): boolean {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !KEYWORDS.has(name)
}

/**
 * A type's text with the quotes taken off every name that reads the same
 * bare (lower-case letters, digits and `_`), key words included: the key
 * of a type, not SQL. Which words need quotes changes between PostgreSQL
 * versions (`json_table` became one in 17), so the text athanor writes and
 * the one an older server's format_type prints may differ only there, and
 * still name the same type.
 *
 * @example
 * pgTypeKeyText('"order"[]') // 'order[]'
 * pgTypeKeyText('"Audit Log"."Kind"') // '"Audit Log"."Kind"'
 */
export function pgTypeKeyText(text: string): string {
  return text.replace(/"([a-z_][a-z0-9_]*)"/g, '$1')
}

/**
 * `name` as PostgreSQL's quote_ident (and format_type, for each part of a
 * type's name) writes it: bare where `pgIdentifierIsBare`, else in double
 * quotes with each `"` doubled.
 *
 * @example
 * pgQuoteIdent('data') // 'data'
 * pgQuoteIdent('user') // '"user"'
 * pgQuoteIdent('Audit Log') // '"Audit Log"'
 */
export function pgQuoteIdent(name: string): string {
  return pgIdentifierIsBare(name) ? name : `"${name.replaceAll('"', '""')}"`
}
