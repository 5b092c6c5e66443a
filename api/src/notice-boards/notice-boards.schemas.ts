/** Request and response shapes of `/api/reports/notice-boards` (grid notice boards, issue 17). */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';
import { JobAcceptedSchema } from '../jobs/jobs.schemas.js';
import { PAPER_SIZES } from '../print/page-setup.js';
import { NOTICE_BOARD_LANGS } from './notice-board.messages.js';

export const NoticeBoardsBodySchema = z
  .object({
    region: z
      .string()
      .regex(/^\d{12}(\d{3})?$/, { error: 'expected a 12-digit community code or a 15-digit grid code' })
      .openapi({ description: 'a community (every current grid, one page each) or one grid', example: '610104001001' }),
    size: z.enum(PAPER_SIZES).default('a4').openapi({ description: 'paper, portrait' }),
    lang: z.enum(NOTICE_BOARD_LANGS).default('zh').openapi({ description: "the board's language (names stay as registered)" }),
    serviceHours: z
      .string()
      .trim()
      .min(1)
      .max(120)
      // Stored with the job's input: PostgreSQL refuses NUL and unpaired surrogates (a 400 here, not a 500).
      .regex(NO_CONTROL_CHARS, { error: `serviceHours ${NO_CONTROL_CHARS_ERROR}` })
      .optional()
      .openapi({
        description: "service hours to post on these boards; default: the region's stored ones (`/api/service-hours`) in `lang`",
      }),
  })
  .openapi('NoticeBoardsRequest');

export const NoticeBoardsJobIdParam = z.object({
  jobId: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: 'expected a job id' })
    .openapi({ param: { name: 'jobId', in: 'path' }, example: '12' }),
});

/** The result of a finished `notice-boards.render` job. */
export const NoticeBoardsResultSchema = z
  .object({
    fileName: z.string(),
    contentType: z.literal('application/pdf'),
    sizeBytes: z.number(),
    pages: z.number().openapi({ description: 'one per grid' }),
    gridCodes: z.array(z.string()).openapi({ description: 'page n is the board of gridCodes[n − 1]' }),
    gridsWithoutStaff: z.array(z.string()),
    staffWithoutPhone: z.number(),
    uploadId: z.string(),
    href: z.string().openapi({ description: 'GET it for the PDF' }),
  })
  .openapi('NoticeBoardsResult');

export { JobAcceptedSchema };

export type NoticeBoardsRequest = z.input<typeof NoticeBoardsBodySchema>;
export type NoticeBoardsJobResult = z.infer<typeof NoticeBoardsResultSchema>;
