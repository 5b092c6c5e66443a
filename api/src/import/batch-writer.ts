/**
 * Collects records and writes them a few thousand at a time through one JSON parameter
 * (`json_to_recordset($1::json)`), as the seeder does, but fed from an async stream.
 */
import type { Db } from '../db/db.types.js';

export class BatchWriter {
  private parts: string[] = [];
  private chars = 0;
  written = 0;

  constructor(
    private readonly db: Db,
    private readonly sql: string,
    private readonly params: readonly unknown[] = [],
    private readonly maxRows = 5000,
    private readonly maxChars = 4_000_000,
  ) {}

  async add(record: object): Promise<void> {
    const json = JSON.stringify(record);
    this.parts.push(json);
    this.chars += json.length + 1;
    if (this.parts.length >= this.maxRows || this.chars >= this.maxChars) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const n = this.parts.length;
    const batch = `[${this.parts.join(',')}]`;
    this.parts = [];
    this.chars = 0;
    await this.db.query(this.sql, [batch, ...this.params]);
    this.written += n;
  }
}
