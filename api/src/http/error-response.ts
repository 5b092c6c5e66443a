/**
 * An error response of a route for its OpenAPI description: the one error body every route
 * answers with (`{ error: { code, message, details? } }`, see http-error.ts) and what the status
 * means for this route. Every feature folder describes its refusals with it.
 */
import { z } from '@hono/zod-openapi';

export const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) }),
    },
  },
});
