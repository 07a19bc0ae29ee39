/**
 * A focused check of a SARIF 2.1.0 log against the properties its schema
 * requires and the values it restricts
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json):
 * sarifLog needs `version` "2.1.0" and `runs`; a run needs `tool.driver.name`;
 * a rule needs `id`; a result needs `message` with `text`; `level` is one of
 * none, note, warning, error; a region's `startLine` is an integer of 1 or
 * more; a `ruleIndex` points at the rule its `ruleId` names. Returns the
 * problems, each naming its JSON path; none for a valid log.
 */
export function sarifProblems(log: unknown): string[] {
  const problems: string[] = []
  const fail = (path: string, what: string) => problems.push(`${path}: ${what}`)
  const isObject = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
  const levels = new Set(['none', 'note', 'warning', 'error'])
  if (!isObject(log)) return ['$: not an object']
  if (log['version'] !== '2.1.0') fail('$.version', `must be "2.1.0", not ${JSON.stringify(log['version'])}`)
  if (log['$schema'] !== undefined && typeof log['$schema'] !== 'string') fail('$.$schema', 'must be a URI string')
  const runs = log['runs']
  if (!Array.isArray(runs)) return [...problems, '$.runs: required array']
  for (const [r, run] of runs.entries()) {
    const at = `$.runs[${r}]`
    if (!isObject(run)) {
      fail(at, 'not an object')
      continue
    }
    const driver = isObject(run['tool']) ? run['tool']['driver'] : undefined
    if (!isObject(driver)) {
      fail(`${at}.tool.driver`, 'required object')
      continue
    }
    if (typeof driver['name'] !== 'string' || driver['name'] === '') fail(`${at}.tool.driver.name`, 'required string')
    const rules = driver['rules'] === undefined ? [] : driver['rules']
    if (!Array.isArray(rules)) fail(`${at}.tool.driver.rules`, 'must be an array')
    const ids: string[] = []
    for (const [i, rule] of (Array.isArray(rules) ? rules : []).entries()) {
      if (!isObject(rule) || typeof rule['id'] !== 'string') fail(`${at}.tool.driver.rules[${i}].id`, 'required string')
      else ids.push(rule['id'])
      const level = isObject(rule) && isObject(rule['defaultConfiguration']) ? rule['defaultConfiguration']['level'] : undefined
      if (level !== undefined && !levels.has(level as string))
        fail(`${at}.tool.driver.rules[${i}].defaultConfiguration.level`, `not a level: ${String(level)}`)
    }
    if (new Set(ids).size !== ids.length) fail(`${at}.tool.driver.rules`, 'rule ids repeat')
    const results = run['results']
    if (results !== undefined && !Array.isArray(results)) fail(`${at}.results`, 'must be an array')
    for (const [i, result] of (Array.isArray(results) ? results : []).entries()) {
      const where = `${at}.results[${i}]`
      if (!isObject(result)) {
        fail(where, 'not an object')
        continue
      }
      if (!isObject(result['message']) || typeof result['message']['text'] !== 'string') fail(`${where}.message.text`, 'required string')
      if (result['level'] !== undefined && !levels.has(result['level'] as string))
        fail(`${where}.level`, `not a level: ${String(result['level'])}`)
      const index = result['ruleIndex']
      if (index !== undefined) {
        if (!Number.isInteger(index) || (index as number) < -1) fail(`${where}.ruleIndex`, 'must be an integer of -1 or more')
        else if (ids[index as number] !== result['ruleId'])
          fail(`${where}.ruleIndex`, `points at ${ids[index as number]}, not ${String(result['ruleId'])}`)
      }
      const locations = result['locations'] ?? []
      if (!Array.isArray(locations)) fail(`${where}.locations`, 'must be an array')
      for (const [l, location] of (Array.isArray(locations) ? locations : []).entries()) {
        const physical = isObject(location) ? location['physicalLocation'] : undefined
        if (physical === undefined) continue
        if (!isObject(physical) || !isObject(physical['artifactLocation'])) {
          fail(`${where}.locations[${l}].physicalLocation.artifactLocation`, 'required object')
          continue
        }
        const uri = physical['artifactLocation']['uri']
        if (typeof uri !== 'string' || /\\/.test(uri)) fail(`${where}.locations[${l}]…uri`, 'must be a URI reference with forward slashes')
        const region = physical['region']
        if (region !== undefined) {
          const line = isObject(region) ? region['startLine'] : undefined
          if (!Number.isInteger(line) || (line as number) < 1)
            fail(`${where}.locations[${l}]…region.startLine`, 'must be an integer of 1 or more')
        }
      }
    }
  }
  return problems
}
