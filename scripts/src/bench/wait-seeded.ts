/** Polls a GridAtlas server's `/api/health` until it reports the district loaded. */
import type { ChildProcess } from 'node:child_process';

export async function waitSeeded(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      const body = (await res.json()) as { seeded?: boolean };
      if (res.ok && body.seeded) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server was not seeded within ${timeoutMs / 1000} s`);
}
