/** create the MARS-labs tables
 *
 * Revision ID: 2390c6fa43d9
 * Revises: 
 * Create Date: 2026-11-25T03:51:16Z
 */
import type { DatabaseMigrations } from 'athanor'
import { t } from 'athanor'

export const revision = '2390c6fa43d9'
export const downRevision: string | string[] | null = null
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

// One function per database of athanor.config.ts, each run on its own
// database. Every revision is applied to every database: one left out here
// has nothing to do and only moves its version row.
export const upgrades: DatabaseMigrations = {
  async default(op) {
    await op.createTable('chatbot', [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'user_message', type: t.string(500), nullable: false },
      { name: 'translated_message', type: t.string(500) },
      { name: 'response', type: t.string(500), nullable: false },
    ])
  },
  async db1(op) {
    await op.createTable('User', [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'first_name', type: t.string(50), nullable: false },
      { name: 'last_name', type: t.string(50), nullable: false },
      { name: 'age', type: t.string(4), nullable: false },
    ])
    await op.createTable('Progress', [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'user_id', type: 'integer', nullable: false },
      { name: 'progress_data', type: 'json', nullable: false },
    ], {
      foreignKeys: [{ name: 'fk_Progress_user_id_User', columns: ['user_id'], referredTable: 'User', referredColumns: ['id'] }],
    })
  },
  async db2(op) {
    await op.createTable('Progress', [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'classes', type: t.string(50), nullable: false },
      { name: 'assignments', type: t.string(50), nullable: false },
      { name: 'test', type: t.string(50), nullable: false },
      { name: 'time_spend', type: t.string(50), nullable: false },
    ])
  },
}

export const downgrades: DatabaseMigrations = {
  async default(op) {
    await op.dropTable('chatbot')
  },
  async db1(op) {
    await op.dropTable('Progress')
    await op.dropTable('User')
  },
  async db2(op) {
    await op.dropTable('Progress')
  },
}
