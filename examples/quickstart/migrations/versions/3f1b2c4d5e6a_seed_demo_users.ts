/** seed demo users
 *
 * Revision ID: 3f1b2c4d5e6a
 * Revises: 1975ea83b712
 * Create Date: 2026-11-25T10:05:00Z
 */
import type { Operations } from 'athanor'

export const revision = '3f1b2c4d5e6a'
export const downRevision: string | string[] | null = '1975ea83b712'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations): Promise<void> {
  await op.bulkInsert('User', [
    { id: 1, first_name: 'John', last_name: 'Doe', age: '16' },
    { id: 2, first_name: 'Jane', last_name: 'Smith', age: '17' },
  ])
  await op.bulkInsert('Progress', [
    { id: 1, user_id: 1, progress_data: JSON.stringify({ class: 12, subject_progress: { phy: { completed_quizzes: ['ohms law'] } } }) },
  ])
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute('DELETE FROM "Progress" WHERE id = 1')
  await op.execute('DELETE FROM "User" WHERE id IN (1, 2)')
}
