/**
 * The analytics bench's HTTP client. The load generator shares the server's two cores, so
 * what it spends per request is taken from the server: `http` (the default) asks with
 * `Accept-Encoding: gzip` as a browser does and counts the bytes as they arrive, without
 * decompressing them (a browser does that on the analyst's machine); `fetch` is Node's
 * `fetch`, which decompresses every body (several times the CPU of `http` per tile; BENCHMARKS.md).
 * The bench prints the CPU its client spent per request.
 */
import { Agent, request } from 'node:http';

export type BenchClient = 'http' | 'fetch';

export interface BenchGet {
  /** GET `path` with `headers`; resolves with the body's size in bytes once it has all arrived. */
  (path: string, headers: Record<string, string>): Promise<number>;
}

export function benchGet(baseUrl: string, client: BenchClient): BenchGet {
  if (client === 'fetch') {
    return async (path, headers) => {
      const res = await fetch(`${baseUrl}${path}`, { headers });
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      return (await res.arrayBuffer()).byteLength;
    };
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return (path, headers) =>
    new Promise((resolve, reject) => {
      const req = request(`${baseUrl}${path}`, { agent, headers: { 'accept-encoding': 'gzip', ...headers } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(bytes) : reject(new Error(`GET ${path}: ${res.statusCode}`))));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
}
