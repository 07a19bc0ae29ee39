/** Add email column to users table
 *
 * Revision ID: ae1027a6acf0
 * Revises: 3f1b2c4d5e6a
 * Create Date: 2026-11-25T10:10:00Z
 */
import { t, type Operations } from 'athanor'

export const revision = 'ae1027a6acf0'
export const downRevision: string | string[] | null = '3f1b2c4d5e6a'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations): Promise<void> {
  await op.addColumn('User', { name: 'email', type: t.string(120) })
  await op.createIndex('ix_user_email', 'User', ['email'], { unique: true })
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex('ix_user_email', { table: 'User' })
  await op.dropColumn('User', 'email')
}
