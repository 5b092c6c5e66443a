/**
 * The files of a zip, unpacked with limits. The central directory is read first (names and
 * declared sizes, nothing inflated); only the entries wanted are inflated, streaming, and
 * their actual bytes are counted against what each declares and against a total: a zip
 * bomb (an entry that inflates past its declared size, or past the total) stops at once.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { FormatError } from './format-error.js';

export interface ZipEntry {
  /** Path inside the zip, `/`-separated. */
  path: string;
  /** Uncompressed size the zip declares, bytes. */
  declared: number;
}

/** macOS and Windows metadata real uploads carry: skipped without a word. */
export function isJunkEntry(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  return (
    path.startsWith('__MACOSX/') ||
    path.includes('/__MACOSX/') ||
    name.startsWith('._') ||
    name === '.DS_Store' ||
    name === 'Thumbs.db' ||
    name === 'desktop.ini'
  );
}

/** Every file entry of the zip (folders and junk left out), from its central directory. */
export function zipEntries(zip: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  try {
    unzipSync(zip, {
      filter: (f) => {
        if (!f.name.endsWith('/') && !isJunkEntry(f.name)) entries.push({ path: f.name, declared: f.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new FormatError('unreadable', `not a readable zip (${(error as Error).message}); zip the files again`);
  }
  return entries;
}

/**
 * The wanted entries' bytes. `maxTotal` caps what they unpack to together, bytes.
 * @throws FormatError `zip_bomb` when an entry unpacks past its declared size, `too_large` past `maxTotal`
 */
export function unzipEntries(zip: Uint8Array, wanted: ZipEntry[], maxTotal: number): Map<string, Uint8Array> {
  const declaredTotal = wanted.reduce((a, e) => a + e.declared, 0);
  if (declaredTotal > maxTotal) {
    throw new FormatError(
      'too_large',
      `the zip unpacks to ${mib(declaredTotal)} MiB, more than the ${mib(maxTotal)} MiB allowed; import the layer unzipped from the command line or split it`,
    );
  }
  const byPath = new Map(wanted.map((e) => [e.path, e]));
  const out = new Map<string, Uint8Array>();
  let total = 0;
  const unzip = new Unzip((file) => {
    const entry = byPath.get(file.name);
    if (!entry) return;
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (error)
        throw error instanceof FormatError ? error : new FormatError('unreadable', `zip entry ${file.name} is damaged (${error.message})`);
      size += chunk.length;
      total += chunk.length;
      if (size > entry.declared) {
        file.terminate();
        throw new FormatError(
          'zip_bomb',
          `zip entry ${file.name} unpacks to more than the ${entry.declared} bytes it declares: refused as a possible zip bomb`,
        );
      }
      if (total > maxTotal) throw new FormatError('too_large', `the zip unpacks to more than the ${mib(maxTotal)} MiB allowed`);
      chunks.push(chunk);
      if (final) out.set(file.name, concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    unzip.push(zip, true);
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError('unreadable', `not a readable zip (${(error as Error).message}); zip the files again`);
  }
  for (const e of wanted) if (!out.has(e.path)) throw new FormatError('unreadable', `zip entry ${e.path} could not be read`);
  return out;
}

/** The first `bytes` (or a little more) of one entry, inflated and no further: to peek at a large part. */
export function unzipHead(zip: Uint8Array, entry: ZipEntry, bytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const unzip = new Unzip((file) => {
    if (file.name !== entry.path || done) return;
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      chunks.push(chunk);
      size += chunk.length;
      if (final || size >= bytes) {
        done = true;
        if (!final) file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    unzip.push(zip, true);
  } catch (error) {
    if (!done) throw new FormatError('unreadable', `not a readable zip (${(error as Error).message})`);
  }
  return concat(chunks, size);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0);
