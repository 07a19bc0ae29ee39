import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isAthanorError } from '../../src/core/errors.js'
import { flagName, parseRenameFlag } from '../../src/diff/rename-flag-names.js'

const column = (text: string) => parseRenameFlag(text, 'rename-column', { from: [2, 3], to: [1, 1] }, 'TABLE.OLD:NEW')

describe('the names of a rename flag', () => {
  it('quote a name holding a dot, a colon or a quote, and read it back', () => {
    for (const parts of [
      ['users', 'bio'],
      ['order.items', 'unit.price'],
      ['a:b', 'say "hi"'],
      ['shop', 'x.y', 'z'],
    ]) {
      const text = `${flagName(...parts.slice(0, -1))}:${flagName(parts.at(-1)!)}`
      assert.deepEqual(parseRenameFlag(text, 'rename-table', { from: [1, 3], to: [1, 1] }, 'OLD:NEW'), {
        from: parts.slice(0, -1),
        to: parts.slice(-1),
      })
    }
    assert.equal(flagName('public', 'users'), 'public.users')
    assert.equal(flagName('a"b'), '"a""b"')
  })

  it('split bare names at each dot, as before', () => {
    assert.deepEqual(column('users.bio:about'), { from: ['users', 'bio'], to: ['about'] })
    assert.deepEqual(column('shop.users.bio:about'), { from: ['shop', 'users', 'bio'], to: ['about'] })
  })

  it('refuse a malformed flag in one line naming it', () => {
    for (const [text, why] of [
      ['users.bio', 'no colon'],
      ['users.bio:a:b', 'more than one colon'],
      ['"users.bio:about', 'an unclosed quote'],
      ['"users"x.bio:about', 'text after a closing quote'],
      ['users..bio:about', 'an empty name'],
      ['bio:about', 'too many or too few names'],
      ['a.b.c.d:e', 'too many or too few names'],
    ] as const) {
      assert.throws(
        () => column(text),
        (e) => isAthanorError(e, 'INVALID_OPTION') && e.message.startsWith(`--rename-column ${text}: ${why}; expected TABLE.OLD:NEW`),
      )
    }
  })
})
