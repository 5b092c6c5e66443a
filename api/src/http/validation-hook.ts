/**
 * Turns a failed zod validation into a 400 a person can act on: which parameter, what it
 * should look like, what was sent.
 */
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import type { ErrorBody } from './http-error.js';

const TARGET_NAMES: Record<string, string> = {
  query: 'query parameter',
  param: 'path parameter',
  json: 'body field',
  form: 'form field',
  header: 'header',
  cookie: 'cookie',
};

export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: ZodError }),
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const what = TARGET_NAMES[result.target] ?? result.target;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(body)';
    const sent = result.target === 'query' ? c.req.query(name) : undefined;
    const got = sent === undefined ? '' : ` (got "${sent.length > 40 ? `${sent.slice(0, 40)}…` : sent}")`;
    return { parameter: name, message: `${what} "${name}": ${issue.message}${got}` };
  });
  const body: ErrorBody = {
    error: { code: 'bad_request', message: problems.map((p) => p.message).join('; '), details: problems },
  };
  return c.json(body, 400);
}
