/** drop chatbot table
 *
 * Revision ID: 597b67c3ab4f
 * Revises: 2390c6fa43d9
 * Create Date: 2026-11-25T03:51:16Z
 */
import type { DatabaseMigrations } from 'athanor'
import { t } from 'athanor'

export const revision = '597b67c3ab4f'
export const downRevision: string | string[] | null = '2390c6fa43d9'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

// One function per database of athanor.config.ts, each run on its own
// database. Every revision is applied to every database: one left out here
// has nothing to do and only moves its version row.
export const upgrades: DatabaseMigrations = {
  async default(op) {
    await op.dropTable('chatbot')
  },
  async db1(_op) {
    // nothing to do in db1
  },
  async db2(_op) {
    // nothing to do in db2
  },
}

export const downgrades: DatabaseMigrations = {
  async default(op) {
    await op.createTable('chatbot', [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'user_message', type: t.string(500), nullable: false },
      { name: 'translated_message', type: t.string(500) },
      { name: 'response', type: t.string(500), nullable: false },
    ])
  },
  async db1(_op) {
    // nothing to do in db1
  },
  async db2(_op) {
    // nothing to do in db2
  },
}
