import { parseArgs } from 'node:util'
import { isAthanorError } from 'athanor'
import { openConnections } from './db/connections.js'
import { buildApp } from './http/app.js'
import { databaseUrls, MIGRATIONS_DIR } from './settings.js'
import { prepareDatabases, StartupRefused } from './startup/prepare.js'

// The MARS-labs API. Options, each also an environment variable so a
// container can set them (Flask apps read FLASK_* the same way):
//   --migrate         MARS_LABS_MIGRATE=1         upgrade every database to head first
//   --allow-outdated  MARS_LABS_ALLOW_OUTDATED=1  start even when a database is behind head
//   --host H          HOST (default 127.0.0.1)
//   --port N          PORT (default 5000, Flask's; 0 picks a free port)

const USAGE = 'usage: mars-labs [--migrate] [--allow-outdated] [--host HOST] [--port PORT]'

const flag = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'

async function main(): Promise<number> {
  const options = {
    migrate: { type: 'boolean' },
    'allow-outdated': { type: 'boolean' },
    host: { type: 'string' },
    port: { type: 'string' },
  } as const
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values']
  try {
    ;({ values } = parseArgs({ options }))
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const env = process.env
  const port = Number(values.port ?? env['PORT'] ?? 5000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`error: --port must be a port number, got ${values.port ?? env['PORT']}`)
    return 2
  }
  try {
    await prepareDatabases({
      directory: MIGRATIONS_DIR,
      migrate: values.migrate === true || flag(env['MARS_LABS_MIGRATE']),
      allowOutdated: values['allow-outdated'] === true || flag(env['MARS_LABS_ALLOW_OUTDATED']),
    })
  } catch (error) {
    // Both are expected, user-facing failures: one line, no stack.
    if (error instanceof StartupRefused || isAthanorError(error)) {
      console.error(`error: ${error.message}`)
      return 1
    }
    throw error
  }
  const app = buildApp(openConnections(databaseUrls(env)))
  const address = await app.listen({ host: values.host ?? env['HOST'] ?? '127.0.0.1', port })
  console.log(`MARS-labs API listening on ${address}`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close())
  return 0
}

const status = await main()
if (status !== 0) process.exitCode = status
