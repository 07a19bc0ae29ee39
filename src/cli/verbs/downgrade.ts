import { moveVerb } from './move-verb.js'

export const downgradeVerb = moveVerb({
  verb: 'downgrade',
  summary: 'revert migrations down to a target (default: -1, one step)',
  usage:
    'downgrade [TARGET] [--sql] [--tag T] [--allow-edited] [--json] [--all [--parallel N] [--on-error stop|continue] [--canary N]]    ' +
    '(TARGET: -1, REV, base, label@-1; FROM:TO with --sql)',
  defaultTarget: '-1',
  one: async (options, target) => (await import('../../command/downgrade.js')).downgrade(options, target),
  all: async (options, target) => (await import('../../command/all-databases.js')).downgradeAll(options, target),
})
