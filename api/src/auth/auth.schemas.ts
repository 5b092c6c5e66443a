/** The logged-in user (`/api/auth/login`, `/api/auth/me`) and the login request. */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';

export const UserSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    permissions: z.array(z.string()),
    jurisdictions: z.array(z.string()).openapi({ description: 'region codes; the user sees the subtree under each' }),
  })
  .openapi('User');
export type User = z.infer<typeof UserSchema>;

export const LoginBody = z
  .object({
    username: z.string().min(1).max(100).regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR }),
    password: z.string().min(1).max(1000),
  })
  .openapi('LoginRequest');
export type LoginRequest = z.input<typeof LoginBody>;

/** What login and `GET /api/auth/me` answer. */
export const UserResponseSchema = z.object({ user: UserSchema }).openapi('UserResponse');
export type UserResponse = z.infer<typeof UserResponseSchema>;
