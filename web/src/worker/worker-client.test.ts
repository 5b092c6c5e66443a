/**
 * The worker client against the worker side it is paired with, over a real MessageChannel
 * (the structured-clone and transfer rules of a web worker, in Node).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerClient, WorkerCancelled, type WorkerLike } from './worker-client';
import { serveWorker, type WorkerScopeLike } from './worker-serve';

type Job = { kind: 'sum'; values: Float64Array } | { kind: 'fail' } | { kind: 'wait'; ms: number } | { kind: 'crash' };

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** A worker on the other end of a channel; `spawned` counts the workers started. */
function channelWorker() {
  const state = { spawned: 0, terminated: 0 };
  const spawn = (): WorkerLike => {
    state.spawned++;
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    serveWorker<Job, { total: number; bytes: ArrayBuffer }, number>(port2 as unknown as WorkerScopeLike, async (job, progress) => {
      if (job.kind === 'fail') throw new Error('no such community');
      if (job.kind === 'crash') {
        // What a worker's uncaught error looks like to the page.
        queueMicrotask(() => port1.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' })));
        return new Promise(() => {});
      }
      if (job.kind === 'wait') await new Promise((r) => setTimeout(r, job.ms));
      const values = job.kind === 'sum' ? job.values : new Float64Array();
      values.forEach((_, i) => progress(i + 1));
      const total = values.reduce((a, b) => a + b, 0);
      const bytes = new Float64Array([total]).buffer;
      return { result: { total, bytes }, transfer: [bytes] };
    });
    const worker = port1 as unknown as WorkerLike & EventTarget;
    port1.addEventListener('error', (event) => worker.onerror?.(Object.assign(event, { preventDefault() {} }) as unknown as ErrorEvent));
    worker.terminate = () => {
      state.terminated++;
      port1.close();
    };
    port1.start();
    return worker;
  };
  return { spawn, state };
}

describe('worker client', () => {
  it('answers each call by its id, reports progress and transfers the buffers it is given', async () => {
    const { spawn, state } = channelWorker();
    const client = createWorkerClient<Job, { total: number; bytes: ArrayBuffer }, number>(spawn, { cancel: 'ignore', name: 'test' });
    const values = new Float64Array([1, 2, 3]);
    const progress: number[] = [];
    const [a, b] = await Promise.all([
      client.call({ kind: 'sum', values }, { transfer: [values.buffer], onProgress: (p) => progress.push(p) }),
      client.call({ kind: 'sum', values: new Float64Array([10]) }),
    ]);
    expect(a.total).toBe(6);
    expect(b.total).toBe(10);
    expect(new Float64Array(a.bytes)[0]).toBe(6);
    expect(progress).toEqual([1, 2, 3]);
    // Transferred, not copied: the caller's buffer is detached.
    expect(values.buffer.byteLength).toBe(0);
    expect(state.spawned).toBe(1);
    client.terminate();
  });

  it('rejects with the worker’s error message and keeps serving', async () => {
    const { spawn } = channelWorker();
    const client = createWorkerClient<Job, { total: number }, number>(spawn, { cancel: 'ignore', name: 'test' });
    await expect(client.call({ kind: 'fail' })).rejects.toThrow('no such community');
    await expect(client.call({ kind: 'sum', values: new Float64Array([2]) })).resolves.toMatchObject({ total: 2 });
    client.terminate();
  });

  it('cancels by ending the worker when told to, failing every call in flight, and starts a fresh one next', async () => {
    const { spawn, state } = channelWorker();
    const client = createWorkerClient<Job, { total: number }, number>(spawn, { cancel: 'terminate', name: 'test' });
    const abort = new AbortController();
    const first = client.call({ kind: 'wait', ms: 200 }, { signal: abort.signal });
    const other = client.call({ kind: 'wait', ms: 200 });
    abort.abort();
    await expect(first).rejects.toBeInstanceOf(WorkerCancelled);
    await expect(other).rejects.toBeInstanceOf(WorkerCancelled);
    expect(state.terminated).toBe(1);
    await expect(client.call({ kind: 'sum', values: new Float64Array([4]) })).resolves.toMatchObject({ total: 4 });
    expect(state.spawned).toBe(2);
    client.terminate();
  });

  it('cancels only the one call when told to ignore, and an aborted signal never posts', async () => {
    const { spawn, state } = channelWorker();
    const client = createWorkerClient<Job, { total: number }, number>(spawn, { cancel: 'ignore', name: 'test' });
    const abort = new AbortController();
    const dropped = client.call({ kind: 'wait', ms: 100 }, { signal: abort.signal });
    const kept = client.call({ kind: 'wait', ms: 100 });
    abort.abort();
    await expect(dropped).rejects.toBeInstanceOf(WorkerCancelled);
    await expect(kept).resolves.toMatchObject({ total: 0 });
    await expect(client.call({ kind: 'wait', ms: 0 }, { signal: abort.signal })).rejects.toBeInstanceOf(WorkerCancelled);
    expect(state.terminated).toBe(0);
    client.terminate();
  });

  it('fails every call in flight when the worker crashes, naming the error', async () => {
    const { spawn, state } = channelWorker();
    const client = createWorkerClient<Job, { total: number }, number>(spawn, { cancel: 'ignore', name: 'test' });
    await expect(client.call({ kind: 'crash' })).rejects.toThrow('out of memory');
    expect(state.terminated).toBe(1);
    await expect(client.call({ kind: 'sum', values: new Float64Array([1]) })).resolves.toMatchObject({ total: 1 });
  });
});
