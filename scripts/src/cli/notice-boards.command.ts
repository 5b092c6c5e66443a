/**
 * `gridatlas notice-boards`: the grid notice boards (公示牌) of a community, or of one grid, as
 * one PDF — one A4 or A3 page per grid. Exit codes: 0 written; 1 the print failed (Chromium
 * missing or too slow) and no file was written; 2 bad options or a code that is no community
 * or current grid.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import {
  closeSharedRenderer,
  migrate,
  NOTICE_BOARD_LANGS,
  NoticeBoardRegionError,
  openDatabase,
  PAPER_SIZES,
  PrintError,
  renderNoticeBoards,
  type NoticeBoardLang,
  type PaperSize,
} from '@gridatlas/api';
import { UsageError, type Command } from './command.js';
import { databaseOptions, databaseTarget } from './database-options.js';

export const noticeBoardsCommand: Command = {
  name: 'notice-boards',
  summary: 'print the grid notice boards (公示牌) of a community or one grid as one PDF, one page per grid',
  usage: 'pnpm gridatlas notice-boards --region <community or grid code> --out <file.pdf> [--size a4|a3] [--lang zh|en]',
  options: {
    region: { type: 'string', valueName: 'code', description: '12-digit community code (every current grid) or 15-digit grid code' },
    out: { type: 'string', short: 'o', valueName: 'file.pdf', description: 'PDF to write' },
    size: { type: 'string', valueName: 'a4|a3', default: 'a4', description: 'paper size, portrait' },
    lang: { type: 'string', valueName: 'zh|en', default: 'zh', description: "the boards' language (names stay as registered)" },
    'base-url': {
      type: 'string',
      valueName: 'url',
      description: 'where GridAtlas is served, for the QR codes (default: $GRIDATLAS_PUBLIC_URL, else http://localhost:8080)',
    },
    'service-hours': {
      type: 'string',
      valueName: 'text',
      description:
        "service hours to post (default: the region's stored ones in --lang, set in the app; else 周一至周五 8:30–12:00，14:30–18:00)",
    },
    ...databaseOptions,
  },
  async run({ values, out, err }) {
    const region = values.region as string | undefined;
    const file = values.out as string | undefined;
    const size = values.size as PaperSize;
    if (!region) throw new UsageError('--region <community or grid code> is required');
    if (!file) throw new UsageError('--out <file.pdf> is required');
    if (!PAPER_SIZES.includes(size)) throw new UsageError(`--size must be one of ${PAPER_SIZES.join(', ')}, got "${size}"`);
    const lang = values.lang as NoticeBoardLang;
    if (!NOTICE_BOARD_LANGS.includes(lang)) throw new UsageError(`--lang must be one of ${NOTICE_BOARD_LANGS.join(', ')}, got "${lang}"`);
    const baseUrl = (values['base-url'] as string | undefined) ?? process.env.GRIDATLAS_PUBLIC_URL ?? 'http://localhost:8080';
    if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) throw new UsageError(`--base-url must be an http(s) URL, got "${baseUrl}"`);

    const db = await openDatabase(databaseTarget(values));
    try {
      await migrate(db);
      const t0 = performance.now();
      const serviceHours = values['service-hours'] as string | undefined;
      const result = await renderNoticeBoards(db, { region, size, lang, baseUrl, ...(serviceHours ? { serviceHours } : {}) });
      // Written beside the target and renamed, so a failed run never leaves half a PDF.
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        await writeFile(tmp, result.bytes);
        await rename(tmp, file);
      } catch (error) {
        await rm(tmp, { force: true });
        throw new UsageError(`could not write ${file}: ${(error as Error).message}`, 1);
      }
      out(
        `wrote ${result.gridCodes.length} notice board${result.gridCodes.length === 1 ? '' : 's'} of ${result.regionName} (${region}, ${size.toUpperCase()}) ` +
          `to ${file}: ${(result.bytes.byteLength / 1024).toFixed(0)} KiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      if (result.gridsWithoutStaff.length > 0)
        err(`warning: no staff assigned to ${result.gridsWithoutStaff.join(', ')} — their boards say so`);
      if (result.staffWithoutPhone > 0) err(`warning: ${result.staffWithoutPhone} staff on the boards have no phone in the roster`);
      return 0;
    } catch (error) {
      if (error instanceof NoticeBoardRegionError) throw new UsageError(error.message, 2);
      if (error instanceof PrintError) throw new UsageError(error.message, 1);
      throw error;
    } finally {
      await closeSharedRenderer();
      await db.close();
    }
  },
};
