import type Database from 'better-sqlite3'

/** A row of db1's "User" table. */
export interface UserRow {
  readonly id: number
  readonly first_name: string
  readonly last_name: string
  readonly age: string
  readonly email: string | null
}

export type NewUser = Omit<UserRow, 'id' | 'email'> & { readonly email?: string | null }

const COLUMNS = 'id, first_name, last_name, age, email'

export function listUsers(db: Database.Database): UserRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM "User" ORDER BY id`).all() as UserRow[]
}

export function getUser(db: Database.Database, id: number): UserRow | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM "User" WHERE id = ?`).get(id) as UserRow | undefined
}

export function createUser(db: Database.Database, user: NewUser): UserRow {
  const result = db
    .prepare('INSERT INTO "User" (first_name, last_name, age, email) VALUES (?, ?, ?, ?)')
    .run(user.first_name, user.last_name, user.age, user.email ?? null)
  return getUser(db, Number(result.lastInsertRowid))!
}
