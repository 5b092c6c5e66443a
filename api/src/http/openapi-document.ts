/**
 * The published OpenAPI document, finished for clients outside: every operation has a stable
 * `operationId` (client generators name their functions from it), the server is named, and the
 * refusals the app's shared middleware gives every route (no session, no CSRF token, a body over
 * the size limit, malformed parameters) are listed where a route does not list its own. Routes
 * describe what is theirs; this adds only what is true of all of them, so the document cannot
 * drift from the middleware.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const ERROR_SCHEMA: Json = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

function errorResponse(description: string): Json {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

/**
 * `GET /api/plans/{id}/grids` → `getPlansByIdGrids`: the method, then the path after `/api`,
 * each segment capitalised and each parameter as `By<Name>`; a file suffix (`{y}.mvt`) keeps
 * its extension as a word. Redocly's rules (see openapi-outside.test.ts) check the ids are unique.
 */
export function operationIdOf(method: string, path: string): string {
  const words = (path.replace(/^\/api(?=\/|$)/, '').match(/\{[^}]+\}|[A-Za-z0-9]+/g) ?? []).map((token) =>
    token.startsWith('{') ? `By${cap(camel(token.slice(1, -1)))}` : cap(token),
  );
  return method.toLowerCase() + words.join('');
}

function camel(s: string): string {
  return s.replace(/[-_ ]+([a-z0-9])/gi, (_m, c: string) => c.toUpperCase());
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface FinishOptions {
  /** Paths that need no session (their operations never answer 401). */
  publicPaths: readonly string[];
}

/** A copy of `doc` finished as described above; `doc` itself is left as it was. */
export function finishOpenApiDocument<T extends Json>(doc: T, { publicPaths }: FinishOptions): T {
  const out = structuredClone(doc) as Json;
  out.servers = [{ url: '/', description: 'the GridAtlas server that serves this document (paths begin with /api)' }];
  const components = (out.components ??= {}) as Json;
  const schemas = (components.schemas ??= {}) as Json;
  schemas.Error ??= ERROR_SCHEMA;
  const paths = (out.paths ?? {}) as Record<string, Json>;
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      op.operationId ??= operationIdOf(method, path);
      const responses = (op.responses ??= {}) as Json;
      const hasInput = Array.isArray(op.parameters) ? op.parameters.length > 0 : false;
      if (hasInput || op.requestBody)
        responses['400'] ??= errorResponse('a parameter or the body is malformed (the message names which and why)');
      if (!publicPaths.includes(path)) {
        responses['401'] ??= errorResponse('not logged in, or the session expired: log in again (POST /api/auth/login)');
        if (method !== 'get' && method !== 'head')
          responses['403'] ??= errorResponse('no CSRF token (X-CSRF-Token), or the role lacks the permission');
      }
      responses['413'] ??= errorResponse('the request body is larger than the server accepts');
    }
  }
  return out as T;
}
