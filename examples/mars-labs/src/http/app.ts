import Fastify, { type FastifyInstance } from 'fastify'
import { closeConnections, type Connections } from '../db/connections.js'
import { progressRoutes } from './progress.js'
import { userRoutes } from './users.js'

/**
 * The HTTP API on open connections. Closing the app closes the databases,
 * so a test or a signal handler has one thing to close.
 */
export function buildApp(connections: Connections): FastifyInstance {
  const app = Fastify({ logger: false })
  userRoutes(app, connections)
  progressRoutes(app, connections)
  app.addHook('onClose', async () => closeConnections(connections))
  return app
}
