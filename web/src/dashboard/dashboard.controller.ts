/**
 * The dashboard's owner, framework-free like the map controllers: loads the figures of a
 * query (region, period, as-of date), aborting an earlier load when the query changes, keeps
 * the figures on screen while a refresh runs, and in wall mode rotates the panels every few
 * seconds and reloads every few minutes. The React view subscribes to its stores.
 */
import { createStore, type Store } from '../state/create-store';
import type { DashboardModel } from './dashboard-model';

export interface DashboardQuery {
  /** District, subdistrict or community code. */
  region: string;
  /** YYYY-MM; absent = the API's default (the last month ended by the reference date). */
  period?: string;
  /** YYYY-MM-DD: figures as they stood then (a pinned briefing); absent = now. */
  asOf?: string;
}

export type DashboardLoader = (query: DashboardQuery, signal: AbortSignal) => Promise<DashboardModel>;

export interface DashboardState {
  query: DashboardQuery | null;
  /** The last figures loaded for `query` (kept while a refresh runs). */
  model: DashboardModel | null;
  loading: boolean;
  error: Error | null;
  /** `Date.now()` of the last successful load. */
  loadedAt: number | null;
}

export interface WallOptions {
  /** Panels shown one after another. */
  panels: number;
  rotateMs: number;
  refreshMs: number;
}

const sameQuery = (a: DashboardQuery | null, b: DashboardQuery) =>
  !!a && a.region === b.region && a.period === b.period && a.asOf === b.asOf;

export class DashboardController {
  readonly state: Store<DashboardState> = createStore<DashboardState>({
    query: null,
    model: null,
    loading: false,
    error: null,
    loadedAt: null,
  });
  /** The wall's current panel (index into its panels); 0 outside wall mode. */
  readonly panel: Store<number> = createStore(0);
  private abort: AbortController | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private retry: ReturnType<typeof setTimeout> | null = null;

  /** `pendingRetryMs`: how soon to ask again while the server is still working figures out. */
  constructor(
    private readonly load: DashboardLoader,
    private readonly pendingRetryMs = 15_000,
  ) {}

  /** Shows `query`'s figures; the same query again does nothing (use `refresh`). */
  show(query: DashboardQuery): void {
    if (sameQuery(this.state.get().query, query)) return;
    // Another region or period: the old figures must not pass for the new ones.
    this.state.set({ query, model: null, loading: false, error: null, loadedAt: null });
    void this.fetch();
  }

  /** Reloads the current query, keeping its figures on screen meanwhile. */
  refresh(): void {
    if (this.state.get().query) void this.fetch();
  }

  /** Wall mode: rotate panels every `rotateMs`, reload every `refreshMs`. Replaces earlier timers. */
  startWall({ panels, rotateMs, refreshMs }: WallOptions): void {
    this.stopWall();
    this.panel.set(0);
    if (panels > 1) this.timers.push(setInterval(() => this.panel.set((i) => (i + 1) % panels), rotateMs));
    this.timers.push(setInterval(() => this.refresh(), refreshMs));
  }

  stopWall(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.panel.set(0);
  }

  /** Stops timers and the load in flight; a later `show` starts afresh (React may mount twice). */
  destroy(): void {
    this.stopWall();
    this.clearRetry();
    this.abort?.abort();
    this.abort = null;
    this.state.set((s) => ({ ...s, query: null, loading: false }));
  }

  private clearRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private async fetch(): Promise<void> {
    const query = this.state.get().query;
    if (!query) return;
    this.clearRetry();
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.state.set((s) => ({ ...s, loading: true, error: null }));
    try {
      const model = await this.load(query, abort.signal);
      if (abort.signal.aborted) return;
      this.state.set((s) => ({ ...s, model, loading: false, error: null, loadedAt: Date.now() }));
      if (model.pending) this.retry = setTimeout(() => this.refresh(), this.pendingRetryMs);
    } catch (error) {
      if (abort.signal.aborted) return;
      // A failed refresh keeps the figures it had; the view says they could not be updated.
      this.state.set((s) => ({ ...s, loading: false, error: error instanceof Error ? error : new Error(String(error)) }));
    } finally {
      if (this.abort === abort) this.abort = null;
    }
  }
}
