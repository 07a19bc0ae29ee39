/** Add email column to users table
 *
 * Revision ID: 6326711941b6
 * Revises: 597b67c3ab4f
 * Create Date: 2026-11-25T03:51:17Z
 */
import type { DatabaseMigrations } from 'athanor'
import { t } from 'athanor'

export const revision = '6326711941b6'
export const downRevision: string | string[] | null = '597b67c3ab4f'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

// One function per database of athanor.config.ts, each run on its own
// database. Every revision is applied to every database: one left out here
// has nothing to do and only moves its version row.
export const upgrades: DatabaseMigrations = {
  async default(_op) {
    // nothing to do in default
  },
  async db1(op) {
    await op.batchAlterTable('User', (batch) => {
      batch.addColumn({ name: 'email', type: t.string(120) })
    })
  },
  async db2(_op) {
    // nothing to do in db2
  },
}

export const downgrades: DatabaseMigrations = {
  async default(_op) {
    // nothing to do in default
  },
  async db1(op) {
    await op.batchAlterTable('User', (batch) => {
      batch.dropColumn('email')
    })
  },
  async db2(_op) {
    // nothing to do in db2
  },
}
