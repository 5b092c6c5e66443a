/**
 * poppler-utils for tests: page count, text and embedded fonts of a PDF, checked by tools
 * outside our code (apt-get install -y poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(bytes: Uint8Array, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ga-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, bytes);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPageCount(bytes: Uint8Array): number {
  return withFile(bytes, (p) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [p], { encoding: 'utf8' }))![1]));
}

/** The page size in PostScript points `[width, height]` of page 1. */
export function pdfPageSizePt(bytes: Uint8Array): [number, number] {
  return withFile(bytes, (p) => {
    const m = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [p], { encoding: 'utf8' }))!;
    return [Number(m[1]), Number(m[2])];
  });
}

export function pdfText(bytes: Uint8Array): string {
  return withFile(bytes, (p) => execFileSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' }));
}

export interface PdfFont {
  name: string;
  embedded: boolean;
}

export function pdfFonts(bytes: Uint8Array): PdfFont[] {
  return withFile(bytes, (p) =>
    execFileSync('pdffonts', [p], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        // name type [encoding…] emb sub uni object ID: emb is the 5th field from the end.
        return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
      }),
  );
}

/** Each page as PNG bytes at `dpi` (pdftoppm), in page order. */
export function pdfPagesPng(bytes: Uint8Array, dpi = 100): Uint8Array[] {
  return withFile(bytes, (p, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', p, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith('.png'))
      .sort((a, b) => Number(/(\d+)\.png$/.exec(a)![1]) - Number(/(\d+)\.png$/.exec(b)![1]))
      .map((f) => new Uint8Array(readFileSync(join(dir, f))));
  });
}
