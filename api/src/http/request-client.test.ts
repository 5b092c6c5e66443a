import { describe, expect, it } from 'vitest';
import { requestClient } from './request-client.js';

describe('the client key of a request in the embedded database turns', () => {
  it('is one key per session, else per address, and holds neither', () => {
    const a = requestClient('token-a', '10.0.0.1');
    expect(requestClient('token-a', '10.0.0.2')).toBe(a);
    expect(requestClient('token-b', '10.0.0.1')).not.toBe(a);
    expect(requestClient(undefined, '10.0.0.1')).not.toBe(requestClient(undefined, '10.0.0.2'));
    expect(requestClient(undefined, '10.0.0.1')).not.toBe(a);
    for (const key of [a, requestClient(undefined, '10.0.0.1'), requestClient(undefined, null)]) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(key).not.toContain('token');
      expect(key).not.toContain('10.0');
    }
  });
});
