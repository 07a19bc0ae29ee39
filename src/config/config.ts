/**
 * What a project's `athanor.config.ts` holds. Every field is optional: a
 * migrations folder with no config at all works on `--url`/`DATABASE_URL`.
 *
 * @example
 * // migrations/athanor.config.ts
 * import { defineConfig } from 'athanor'
 * export default defineConfig({ url: 'sqlite:///app.db', versionTable: 'athanor_version' })
 */
export interface AthanorConfig {
  /** The database URL; `--url` and `DATABASE_URL` take precedence. */
  readonly url?: string
  /** Where the scripts live, relative to the migrations folder (default `versions`). */
  readonly versionLocations?: readonly string[]
  /** The module that declares the target schema, for autogenerate. */
  readonly models?: string
  /** The version table's name; `alembic_version` adopts an Alembic database. */
  readonly versionTable?: string
  /**
   * `per-migration` (default): each migration commits with its version row, so
   * a failure leaves the database at the last good revision. `single`: the
   * whole run is one transaction, all or nothing.
   */
  readonly transactionMode?: TransactionMode
  /** The template for new scripts, relative to the migrations folder. */
  readonly scriptTemplate?: string
}

export type TransactionMode = 'per-migration' | 'single'

/** Identity function that gives a config file its type. */
export function defineConfig(config: AthanorConfig): AthanorConfig {
  return config
}

export const DEFAULT_VERSION_TABLE = 'athanor_version'
export const CONFIG_FILE_NAMES = ['athanor.config.ts', 'athanor.config.mts', 'athanor.config.js', 'athanor.config.mjs'] as const
