import type { FastifyInstance } from 'fastify'
import type { Connections } from '../db/connections.js'
import { createUser, getUser, listUsers, type NewUser } from '../db/users.js'
import { idParams } from './schemas.js'

// The limits are the columns' (VARCHAR(50), VARCHAR(4), VARCHAR(120)):
// SQLite would store longer strings without complaint.
const newUserBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    first_name: { type: 'string', minLength: 1, maxLength: 50 },
    last_name: { type: 'string', minLength: 1, maxLength: 50 },
    age: { type: 'string', minLength: 1, maxLength: 4 },
    email: { type: ['string', 'null'], maxLength: 120 },
  },
  required: ['first_name', 'last_name', 'age'],
} as const

/** GET /users, POST /users, GET /users/:id. */
export function userRoutes(app: FastifyInstance, connections: Connections): void {
  app.get('/users', async () => listUsers(connections.db1))

  app.post<{ Body: NewUser }>('/users', { schema: { body: newUserBody } }, async (request, reply) => {
    reply.code(201)
    return createUser(connections.db1, request.body)
  })

  app.get<{ Params: { id: number } }>('/users/:id', { schema: { params: idParams } }, async (request, reply) => {
    const user = getUser(connections.db1, request.params.id)
    if (!user) return reply.code(404).send({ error: `no user ${request.params.id}` })
    return user
  })
}
