import assert from 'node:assert/strict'

/** What `work` threw; fails the test when it did not throw. */
export async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work()
  } catch (error) {
    return error
  }
  assert.fail('expected an error')
}
