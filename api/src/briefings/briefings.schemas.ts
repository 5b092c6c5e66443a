/**
 * Briefings' contract (issue 17): a briefing is an ordered list of slides, each a saved map view
 * (the analyst's or the district map's state) with a title and a note. The view is validated
 * here at the edge — known layer keys, ISO periods, camera ranges — and its region against the
 * caller's jurisdiction and the briefing's region in the routes. Coordinates are `[lng, lat]`
 * degrees WGS84; zoom is MapLibre's (0–24); bearing and pitch are degrees.
 */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';

/** The analyst view's layers; the web takes its layer and metric types from these (web/src/analyst/analyst-layers.ts). */
export const BRIEFING_ANALYST_LAYERS = [
  'heat',
  'hexbin',
  'points',
  'choropleth',
  'tracks',
  'coverage',
  'special',
  'workload',
  'visits',
] as const;
/** The analyst's choropleth metrics. */
export const BRIEFING_METRICS = [
  'count',
  'perThousand',
  'workload',
  'households',
  'coverage',
  'patrolMinutes',
  'daysSincePatrol',
  'special',
] as const;
/** The district map's layer groups (web/src/map/layer-groups.ts). */
export const BRIEFING_DISTRICT_LAYERS = ['boundaries', 'streets', 'compounds', 'buildings', 'grids'] as const;

const REGION_CODE = z.string().regex(/^\d{6}(\d{3}){0,2}$/, {
  error: 'expected a region code: 6 digits (district), 9 (subdistrict) or 12 (community)',
});

/** A calendar day that exists, `YYYY-MM-DD`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' })
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d && d >= '1900-01-01';
  }, 'expected a real calendar day (YYYY-MM-DD)');

const text = (max: number) => z.string().trim().max(max).regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR });
/** Notes may have line breaks; other control characters are refused. */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const NOTE_TEXT = /^(?:[^\u0000-\u0009\u000b-\u001f\u007f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
const note = z
  .string()
  .max(4000)
  .regex(NOTE_TEXT, { error: 'must not contain control characters other than line breaks' })
  .openapi({ description: 'what the presenter says about the slide; line breaks kept' });
const title = text(200).min(1, { error: 'a title is needed' });

export const CameraSchema = z
  .object({
    center: z
      .tuple([z.number().min(-180).max(180), z.number().min(-85.06).max(85.06)])
      .openapi({ description: '[lng, lat] degrees WGS84' }),
    zoom: z.number().min(0).max(24),
    bearing: z.number().min(-180).max(180).openapi({ description: 'degrees clockwise from north' }),
    pitch: z.number().min(0).max(85).openapi({ description: 'degrees from looking straight down' }),
  })
  .openapi('BriefingCamera');
export type BriefingCamera = z.infer<typeof CameraSchema>;

/** A period of days: `from` inclusive, `to` exclusive, at most three years, as the analyst's filters. */
export const PeriodSchema = z
  .object({ from: IsoDate, to: IsoDate })
  .refine((p) => p.from < p.to, { error: '"from" must be before "to" ("to" is exclusive)', path: ['to'] })
  .refine((p) => Date.parse(p.to) - Date.parse(p.from) <= 3 * 366 * 86_400_000, {
    error: 'a period is at most three years',
    path: ['to'],
  })
  .openapi('BriefingPeriod');
export type BriefingPeriod = z.infer<typeof PeriodSchema>;

const AnalystViewSchema = z
  .object({
    map: z.literal('analyst'),
    regionCode: REGION_CODE,
    layer: z.enum(BRIEFING_ANALYST_LAYERS),
    metric: z.enum(BRIEFING_METRICS).openapi({ description: 'the choropleth metric (layer choropleth)' }),
    period: PeriodSchema,
    categories: z.array(text(50).min(1)).max(50).openapi({ description: 'incident categories; none = all' }),
    specialCategory: text(50).openapi({ description: "special-group category of the density layer; '' = all" }),
    deadCornerDays: z.number().int().min(1).max(365),
    trackDate: IsoDate.openapi({ description: 'the patrol day of the tracks layer' }),
    camera: CameraSchema,
  })
  .strict();

const DistrictViewSchema = z
  .object({
    map: z.literal('district'),
    regionCode: REGION_CODE,
    layers: z
      .array(z.enum(BRIEFING_DISTRICT_LAYERS))
      .max(BRIEFING_DISTRICT_LAYERS.length)
      .refine((l) => new Set(l).size === l.length, 'each layer once')
      .openapi({ description: 'the layer groups shown' }),
    camera: CameraSchema,
  })
  .strict();

/** The saved map state of a slide: the analyst's view or the district map's. */
export const BriefingViewSchema = z.discriminatedUnion('map', [AnalystViewSchema, DistrictViewSchema]).openapi('BriefingView');
export type BriefingView = z.infer<typeof BriefingViewSchema>;
export type BriefingAnalystView = Extract<BriefingView, { map: 'analyst' }>;

export const SlideSchema = z
  .object({
    id: z.number(),
    position: z.number().openapi({ description: '0-based order in the briefing' }),
    title: z.string(),
    note: z.string(),
    view: BriefingViewSchema,
  })
  .openapi('BriefingSlide');
export type BriefingSlide = z.infer<typeof SlideSchema>;

const BRIEFING_FIELDS = {
  id: z.number(),
  districtCode: z.string(),
  regionCode: z.string().openapi({ description: 'the jurisdiction the briefing belongs to' }),
  regionName: z.string(),
  title: z.string(),
  pinnedAsOf: z.string().nullable().openapi({ description: 'YYYY-MM-DD: figures are as of this day; null: live' }),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  version: z.number().openapi({ description: 'name it in every write; a stale one is a 409' }),
  editable: z.boolean().openapi({ description: 'the caller may change it (briefings.edit)' }),
};

export const BriefingSummarySchema = z.object({ ...BRIEFING_FIELDS, slideCount: z.number() }).openapi('BriefingSummary');
export type BriefingSummary = z.infer<typeof BriefingSummarySchema>;

export const BriefingSchema = z.object({ ...BRIEFING_FIELDS, slides: z.array(SlideSchema) }).openapi('Briefing');
export type Briefing = z.infer<typeof BriefingSchema>;

export const BriefingListSchema = z.object({ briefings: z.array(BriefingSummarySchema) }).openapi('BriefingList');
export type BriefingList = z.infer<typeof BriefingListSchema>;

export const NewSlideSchema = z
  .object({ title, note: note.default(''), view: BriefingViewSchema })
  .strict()
  .openapi('NewBriefingSlide');
export type NewSlide = z.input<typeof NewSlideSchema>;

export const NewBriefingSchema = z
  .object({
    regionCode: REGION_CODE.openapi({ description: 'the jurisdiction it belongs to: inside yours' }),
    title,
    pinnedAsOf: IsoDate.nullable().default(null),
    slides: z.array(NewSlideSchema).max(100).default([]),
  })
  .strict()
  .openapi('NewBriefing');
export type NewBriefing = z.input<typeof NewBriefingSchema>;

const version = z.number().int().min(1).openapi({ description: 'the version you edited (from the last answer)' });

export const BriefingUpdateSchema = z
  .object({ version, title: title.optional(), pinnedAsOf: IsoDate.nullable().optional() })
  .strict()
  .openapi('BriefingUpdate');
export type BriefingUpdate = z.input<typeof BriefingUpdateSchema>;

export const SlideAddSchema = z
  .object({
    version,
    slide: NewSlideSchema,
    position: z.number().int().min(0).optional().openapi({ description: 'where to insert it (0-based); default: at the end' }),
  })
  .strict()
  .openapi('BriefingSlideAdd');
export type SlideAdd = z.input<typeof SlideAddSchema>;

export const SlideUpdateSchema = z
  .object({ version, title: title.optional(), note: note.optional(), view: BriefingViewSchema.optional() })
  .strict()
  .openapi('BriefingSlideUpdate');
export type SlideUpdate = z.input<typeof SlideUpdateSchema>;

export const SlideMoveSchema = z
  .object({ version, position: z.number().int().min(0).openapi({ description: 'the new 0-based position' }) })
  .strict()
  .openapi('BriefingSlideMove');
export type SlideMove = z.input<typeof SlideMoveSchema>;

/** The 409's details: who changed the briefing since the caller read it. */
export const BriefingConflictDetailSchema = z
  .object({ currentVersion: z.number(), yourVersion: z.number(), updatedBy: z.string(), updatedAt: z.string() })
  .openapi('BriefingConflictDetail');
export type BriefingConflictDetail = z.infer<typeof BriefingConflictDetailSchema>;
