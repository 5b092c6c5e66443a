/**
 * Uploaded files and export results, kept in the database (`uploads`, migration 0028) so a job
 * can read them after the request returned, in whichever API replica runs it. Kept a day.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/db.types.js';

export interface StoredUpload {
  id: string;
  fileName: string;
  sizeBytes: number;
  createdBy: string | null;
  createdAt: string;
}

const COLUMNS = `id, file_name AS "fileName", size_bytes AS "sizeBytes", created_by AS "createdBy",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

export async function saveUpload(db: Db, file: { fileName: string; bytes: Uint8Array; createdBy: string | null }): Promise<StoredUpload> {
  // Old uploads go as new ones come.
  await db.query(`DELETE FROM uploads WHERE created_at < now() - interval '1 day'`);
  const r = await db.query<StoredUpload>(
    `INSERT INTO uploads (id, file_name, size_bytes, content, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    [
      randomBytes(16).toString('hex'),
      file.fileName,
      file.bytes.byteLength,
      Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
      file.createdBy,
    ],
  );
  return r.rows[0]!;
}

export async function findUpload(db: Db, id: string): Promise<StoredUpload | null> {
  const r = await db.query<StoredUpload>(`SELECT ${COLUMNS} FROM uploads WHERE id = $1`, [id]);
  return r.rows[0] ?? null;
}

export async function uploadContent(db: Db, id: string): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  const r = await db.query<{ fileName: string; content: Uint8Array }>(
    `SELECT file_name AS "fileName", content FROM uploads WHERE id = $1`,
    [id],
  );
  const row = r.rows[0];
  return row ? { fileName: row.fileName, bytes: new Uint8Array(row.content) } : null;
}
