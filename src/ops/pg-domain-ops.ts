import type { Domain, DomainChanges } from '../schema/pg-domain.js'

/**
 * `op.createDomain(...)` as data: `CREATE DOMAIN … AS type [DEFAULT] [NOT NULL] [CHECK …]`.
 *
 * @example
 * const domain: Domain = { name: 'positive_int', type: 'integer', checks: [{ expression: 'VALUE > 0' }] }
 * const create: CreateDomainOp = { kind: 'create_domain', domain }
 */
export interface CreateDomainOp {
  readonly kind: 'create_domain'
  readonly domain: Domain
}

/**
 * `op.dropDomain(...)` as data; `existing` is what the reverse recreates.
 *
 * @example
 * const drop: DropDomainOp = { kind: 'drop_domain', name: 'positive_int', existing: { name: 'positive_int', type: 'integer' } }
 */
export interface DropDomainOp {
  readonly kind: 'drop_domain'
  readonly name: string
  readonly schema?: string
  readonly existing?: Domain
}

/**
 * `op.alterDomain(...)` as data: one `ALTER DOMAIN` per change; `existing`,
 * the domain as it was, is what the reverse restores.
 *
 * @example
 * const alter: AlterDomainOp = { kind: 'alter_domain', name: 'positive_int', changes: { notNull: true } }
 */
export interface AlterDomainOp {
  readonly kind: 'alter_domain'
  readonly name: string
  readonly schema?: string
  readonly changes: DomainChanges
  readonly existing?: Domain
}

/**
 * Every operation on PostgreSQL's domains.
 *
 * @example
 * const ops: PgDomainOperation[] = [{ kind: 'drop_domain', name: 'positive_int' }]
 */
export type PgDomainOperation = CreateDomainOp | DropDomainOp | AlterDomainOp
