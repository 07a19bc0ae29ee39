// JSON schemas shared by the routes; fastify validates and coerces with them.

/** `:id` in a path: a positive integer, coerced from the path's text. */
export const idParams = {
  type: 'object',
  properties: { id: { type: 'integer', minimum: 1 } },
  required: ['id'],
} as const
