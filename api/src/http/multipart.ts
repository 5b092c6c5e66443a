/** Reading a multipart form body, where a malformed body is the client's error (400), not ours. */
import type { Context } from 'hono';
import { HttpError } from './http-error.js';

export type FormFields = Record<string, string | File>;

/**
 * The fields of a `multipart/form-data` body. A body that does not parse as the form its
 * content type announces (no boundary, a truncated part, JSON sent as a form) is refused with
 * 400 and a message saying what to send, instead of failing inside the parser.
 */
export async function readMultipart(c: Context): Promise<FormFields> {
  try {
    return (await c.req.parseBody()) as FormFields;
  } catch {
    throw new HttpError(400, 'bad_request', 'the body is not a valid multipart/form-data form: send the file in a form field named "file"');
  }
}

/** The form's `file` field, or a 400 naming the field. */
export function formFile(form: FormFields): File {
  const f = form.file;
  if (!(f instanceof File)) throw new HttpError(400, 'bad_request', 'the form needs a "file" field holding the file');
  return f;
}
