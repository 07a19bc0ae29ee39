import { moveVerb } from './move-verb.js'

export const upgradeVerb = moveVerb({
  verb: 'upgrade',
  summary: 'apply migrations up to a target (default: head)',
  usage:
    'upgrade [TARGET] [--sql] [--lint] [--tag T] [--lock-timeout S] [--allow-edited] [--json] ' +
    '[--all [--parallel N] [--on-error stop|continue] [--canary N]]    ' +
    '(TARGET: head, heads, REV, +N, label@head, FROM:TO with --sql)',
  defaultTarget: 'head',
  lints: true,
  one: async (options, target) => (await import('../../command/upgrade.js')).upgrade(options, target),
  all: async (options, target) => (await import('../../command/all-databases.js')).upgradeAll(options, target),
})
