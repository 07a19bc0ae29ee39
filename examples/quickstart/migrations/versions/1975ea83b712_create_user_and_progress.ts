/** create user and progress
 *
 * Revision ID: 1975ea83b712
 * Revises:
 * Create Date: 2026-11-25T10:00:00Z
 */
import { t, type Operations } from 'athanor'

export const revision = '1975ea83b712'
export const downRevision: string | string[] | null = null
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations): Promise<void> {
  await op.createTable('User', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'first_name', type: t.string(50), nullable: false },
    { name: 'last_name', type: t.string(50), nullable: false },
    { name: 'age', type: t.string(4), nullable: false },
  ])
  await op.createTable(
    'Progress',
    [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'user_id', type: 'integer', nullable: false },
      { name: 'progress_data', type: 'json', nullable: false },
    ],
    { foreignKeys: [{ columns: ['user_id'], referredTable: 'User', referredColumns: ['id'] }] },
  )
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable('Progress')
  await op.dropTable('User')
}
