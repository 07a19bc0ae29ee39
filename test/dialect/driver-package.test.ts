// The database client packages are optional peer dependencies: a missing one
// must be one line naming the package to install, and nothing else may be
// mistaken for it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { importDriverPackage } from '../../src/dialect/driver-package.js'

// Held in a variable so TypeScript does not look for its types.
const ABSENT = 'athanor-test-absent-driver'

describe('importing a driver package', () => {
  test('a package that is not installed is DRIVER_NOT_INSTALLED, one line naming what to install', async () => {
    await assert.rejects(
      importDriverPackage(ABSENT, 'TestDB', () => import(ABSENT)),
      (error: unknown) => {
        assert.ok(isAthanorError(error, 'DRIVER_NOT_INSTALLED'), String(error))
        assert.equal(
          (error as Error).message,
          `TestDB needs the ${ABSENT} package, which is not installed: run 'npm install ${ABSENT}' in your project`,
        )
        assert.equal((error as { cause?: { code?: string } }).cause?.code, 'ERR_MODULE_NOT_FOUND')
        return true
      },
    )
  })

  test('an installed package loads', async () => {
    const { default: pg } = await importDriverPackage('pg', 'PostgreSQL', () => import('pg'))
    assert.equal(typeof pg.Client, 'function')
  })

  test('a package that is there but misses one of its own imports keeps its own error', async () => {
    const inner = Object.assign(new Error("Cannot find package 'pg-pool' imported from /app/node_modules/pg/lib/index.js"), {
      code: 'ERR_MODULE_NOT_FOUND',
    })
    await assert.rejects(
      importDriverPackage('pg', 'PostgreSQL', () => Promise.reject(inner)),
      (error: unknown) => error === inner,
    )
  })
})
