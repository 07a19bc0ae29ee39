import { AthanorError } from '../core/errors.js'

/** The default `fileTemplate`: the revision id, then the message's slug. */
export const DEFAULT_FILE_TEMPLATE = '{rev}_{slug}'

const FIELDS = ['rev', 'slug', 'year', 'month', 'day', 'hour', 'minute', 'second', 'epoch'] as const

/**
 * Checks a `fileTemplate` (Alembic's `file_template`): only known `{field}`s,
 * `{rev}` among them so two scripts never share a name, and no path
 * separator, so a script always lands in its version location.
 *
 * @example
 * checkFileTemplate('{year}{month}{day}_{rev}_{slug}') // passes
 * checkFileTemplate('{date}_{slug}') // throws INVALID_CONFIG: unknown field {date}
 */
export function checkFileTemplate(template: unknown): asserts template is string {
  const fail: (why: string) => never = (why) => {
    throw new AthanorError('INVALID_CONFIG', `fileTemplate ${JSON.stringify(template)} ${why}`)
  }
  if (typeof template !== 'string' || template === '') fail(`must be a non-empty string such as '${DEFAULT_FILE_TEMPLATE}'`)
  for (const [, name] of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!(FIELDS as readonly string[]).includes(name ?? ''))
      fail(`uses unknown field {${name}}; known: ${FIELDS.map((f) => `{${f}}`).join(' ')}`)
  }
  if (!template.includes('{rev}')) fail('must contain {rev}, which keeps file names unique')
  if (/[/\\]|\.\./.test(template) || template.includes('\0')) fail("may not contain '/', '\\' or '..'")
}

/**
 * The file name (without `.ts`) of a new script: `template` with its fields
 * filled in from the id, the slug and the creation time in UTC (two digits
 * for month to second, as Alembic pads them). Separators left dangling by
 * an empty slug are dropped, so `{rev}_{slug}` with no message gives `{rev}`.
 *
 * @example
 * scriptFileStem('{year}{month}{day}_{rev}_{slug}', 'ae10', 'add_email', new Date('2026-03-09T08:05:00Z')) // '20260309_ae10_add_email'
 */
export function scriptFileStem(template: string, id: string, slug: string, now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  const values: Record<(typeof FIELDS)[number], string> = {
    rev: id,
    slug,
    year: String(now.getUTCFullYear()),
    month: pad(now.getUTCMonth() + 1),
    day: pad(now.getUTCDate()),
    hour: pad(now.getUTCHours()),
    minute: pad(now.getUTCMinutes()),
    second: pad(now.getUTCSeconds()),
    epoch: String(Math.floor(now.getTime() / 1000)),
  }
  const filled = template.replace(/\{(\w+)\}/g, (_whole, name: (typeof FIELDS)[number]) => values[name])
  return filled.replace(/([_-])[_-]+/g, '$1').replace(/^[_-]+|[_-]+$/g, '')
}
