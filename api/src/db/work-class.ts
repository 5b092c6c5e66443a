/**
 * Which kind of work a database statement belongs to (issue 15), told by where the work runs,
 * never by its SQL: a request marks its handling `interactive` with the client it came from, the
 * job runner marks a job's work `job`, and the first-start warm-up marks its work `background`.
 * The mark travels with the async context (AsyncLocalStorage), so every statement the work sends
 * — however deep in the call tree — carries it. The embedded database's statement turns read it
 * to order their queue (statement-turns.ts); PostgreSQL's pool ignores it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** In the order the embedded database serves them: a lower class waits for a higher one, within limits. */
export const WORK_CLASSES = ['interactive', 'job', 'background'] as const;
export type WorkClass = (typeof WORK_CLASSES)[number];

export interface WorkTag {
  readonly class: WorkClass;
  /**
   * Who asked (interactive work): the turns of one client's many parallel requests alternate with
   * other clients' instead of queueing ahead of them. An opaque key (a hash of the session token,
   * or the address), never personal data.
   */
  readonly client?: string;
}

const storage = new AsyncLocalStorage<WorkTag>();

/** Unmarked work (tests, the command line, migrations, seeding) counts as interactive. */
const UNMARKED: WorkTag = { class: 'interactive' };

/** Runs `fn`, and everything it starts, as `tag`'s kind of work. */
export function runAsWork<T>(tag: WorkTag, fn: () => T): T {
  return storage.run(tag, fn);
}

/** The kind of work running now. */
export function currentWork(): WorkTag {
  return storage.getStore() ?? UNMARKED;
}
