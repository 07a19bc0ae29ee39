import type { FastifyInstance } from 'fastify'
import type { Connections } from '../db/connections.js'
import { getProgress, updateProgress, type ProgressUpdate } from '../db/progress.js'
import { getUser } from '../db/users.js'
import { idParams } from './schemas.js'

const text50 = { type: 'string', maxLength: 50 } as const

const updateBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    // Any JSON the dashboard sends, as the JSON column takes it.
    progress_data: {},
    summary: {
      type: 'object',
      additionalProperties: false,
      properties: { classes: text50, assignments: text50, test: text50, time_spend: text50 },
      required: ['classes', 'assignments', 'test', 'time_spend'],
    },
  },
} as const

/** GET and PUT /users/:id/progress: db1's progress record and db2's summary together. */
export function progressRoutes(app: FastifyInstance, connections: Connections): void {
  app.get<{ Params: { id: number } }>('/users/:id/progress', { schema: { params: idParams } }, async (request, reply) => {
    if (!getUser(connections.db1, request.params.id)) return reply.code(404).send({ error: `no user ${request.params.id}` })
    return getProgress(connections, request.params.id)
  })

  app.put<{ Params: { id: number }; Body: ProgressUpdate }>(
    '/users/:id/progress',
    { schema: { params: idParams, body: updateBody } },
    async (request, reply) => {
      if (!getUser(connections.db1, request.params.id)) return reply.code(404).send({ error: `no user ${request.params.id}` })
      return updateProgress(connections, request.params.id, request.body)
    },
  )
}
