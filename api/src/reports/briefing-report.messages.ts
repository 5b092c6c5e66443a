/** A briefing export's words, zh and en. */
import type { SlideFigureKind } from '../briefings/slide-figure.schemas.js';

const FIGURES_ZH: Record<SlideFigureKind, string> = {
  incidents: '事件数',
  incidentsPer1000: '每千户事件数',
  coverageShare: '街巷巡查覆盖率',
  notPatrolled: '未巡查网格数',
  specialVisitsDone: '重点人群已走访人数',
  gridsOver: '超标网格数',
  households: '户数',
  gridsWithinShare: '达标网格占比',
};
const FIGURES_EN: Record<SlideFigureKind, string> = {
  incidents: 'Incidents',
  incidentsPer1000: 'Incidents per 1,000 households',
  coverageShare: 'Street patrol coverage',
  notPatrolled: 'Grids not patrolled',
  specialVisitsDone: 'Special-group people visited',
  gridsOver: 'Grids over the rule',
  households: 'Households',
  gridsWithinShare: 'Grids within the rule',
};
const UNITS_ZH: Record<SlideFigureKind, string> = {
  incidents: '件',
  incidentsPer1000: '件/千户',
  coverageShare: '',
  notPatrolled: '个',
  specialVisitsDone: '人',
  gridsOver: '个',
  households: '户',
  gridsWithinShare: '',
};
const UNITS_EN: Record<SlideFigureKind, string> = {
  incidents: 'incidents',
  incidentsPer1000: 'per 1,000 households',
  coverageShare: '',
  notPatrolled: 'grids',
  specialVisitsDone: 'people',
  gridsOver: 'grids',
  households: 'households',
  gridsWithinShare: '',
};
type Window = { from: string; to: string } | null;
const LAYERS_ZH: Record<string, string> = {
  heat: '事件热力',
  hexbin: '事件六边形聚合',
  points: '事件点位',
  choropleth: '网格专题',
  tracks: '巡查轨迹',
  coverage: '巡查覆盖',
  special: '重点人群密度',
  workload: '网格工作量',
  district: '网格划分图',
};
const LAYERS_EN: Record<string, string> = {
  heat: 'incident heat',
  hexbin: 'incident hexagons',
  points: 'incident points',
  choropleth: 'grid choropleth',
  tracks: 'patrol tracks',
  coverage: 'patrol coverage',
  special: 'special-group density',
  workload: 'grid workload',
  district: 'district map',
};

const zh = {
  subtitle: (slides: number) => `汇报材料（共 ${slides} 页）`,
  pinned: (date: string) => `截至 ${date}`,
  live: '实时数据',
  /** The key figure's label: its categories, the dashboard window when it is not the slide's own, "as of now" when it has no history. */
  figure: (kind: SlideFigureKind, categories: string[], window: Window, asOfNow: boolean) =>
    FIGURES_ZH[kind] +
    (categories.length ? `（${categories.join('、')}）` : '') +
    (window ? `（统计期 ${window.from} 至 ${window.to}，不含）` : '') +
    (asOfNow ? '（按当前数据）' : ''),
  figureUnit: (kind: SlideFigureKind) => UNITS_ZH[kind],
  incidentMap: (region: string) => `${region} 各网格每千户事件数`,
  incidentLegend: '事件数 / 千户',
  householdsMap: (region: string) => `${region} 各网格户数`,
  householdsLegend: '户数',
  /** The district-map slide's grid-load map: the live map's legend (web/src/panel/load-legend.tsx) in words. */
  loadMap: (region: string) => `${region} 网格负荷（网格划分图）`,
  loadLegend: '网格负荷',
  loadClasses: (under: number) => ({
    under: `<${under}% 偏小`,
    ok: `${under}–100% 达标`,
    over: '>100% 超标',
    exempt: '专属网格（学校、医院）',
  }),
  loadFormula: (households: number, persons: number, all: boolean) =>
    all
      ? `负荷 = 户数 ÷ ${households} 户与人数 ÷ ${persons} 人中的较大者`
      : `负荷 = 户数 ÷ ${households} 户上限（或人数 ÷ ${persons} 人，取满足者）`,
  loadNote: '本页地图为该幻灯片区域现行网格按规模标准着色的打印版（与系统地图图例一致），非网页地图截图。',
  periodCaption: (w: { from: string; to: string }) => `统计期：${w.from} 至 ${w.to}（不含）`,
  asOfNote: (date: string) => `数据截至 ${date}。`,
  layerNote: (layer: string, incidents: boolean) =>
    incidents
      ? `本页地图为该幻灯片视图（${LAYERS_ZH[layer] ?? layer}）的打印版：按网格汇总的专题图，非网页地图截图。`
      : `本页地图为该幻灯片区域的网格户数底图；“${LAYERS_ZH[layer] ?? layer}”图层的实时效果请在系统演示模式中查看。`,
};

export type BriefingText = typeof zh;

const en: BriefingText = {
  subtitle: (slides) => `Briefing (${slides} slides)`,
  pinned: (date) => `as of ${date}`,
  live: 'live figures',
  figure: (kind, categories, window, asOfNow) =>
    FIGURES_EN[kind] +
    (categories.length ? ` (${categories.join(', ')})` : '') +
    (window ? ` (${window.from} to ${window.to}, exclusive)` : '') +
    (asOfNow ? ' (as of now)' : ''),
  figureUnit: (kind) => UNITS_EN[kind],
  incidentMap: (region) => `${region}: incidents per 1,000 households by grid`,
  incidentLegend: 'Incidents / 1,000 hh',
  householdsMap: (region) => `${region}: households per grid`,
  householdsLegend: 'Households',
  loadMap: (region) => `${region}: grid load (district map)`,
  loadLegend: 'Grid load',
  loadClasses: (under) => ({
    under: `<${under}% under-filled`,
    ok: `${under}–100% within cap`,
    over: '>100% over cap',
    exempt: 'Dedicated grid (school, hospital)',
  }),
  loadFormula: (households, persons, all) =>
    all
      ? `Load = the larger of households ÷ ${households} and persons ÷ ${persons}`
      : `Load = households ÷ ${households} cap (or persons ÷ ${persons}, whichever is met)`,
  loadNote:
    "The map prints the region's grids in force coloured by the size rule, with the live map's legend; not a screenshot of the web map.",
  periodCaption: (w) => `Period: ${w.from} to ${w.to} (exclusive)`,
  asOfNote: (date) => `Figures as of ${date}.`,
  layerNote: (layer, incidents) =>
    incidents
      ? `The map is a print rendering of the slide's view (${LAYERS_EN[layer] ?? layer}) summed per grid, not a screenshot of the web map.`
      : `The map shows households per grid of the slide's region; the live "${LAYERS_EN[layer] ?? layer}" layer is in the presentation.`,
};

export function briefingText(lang: 'zh' | 'en'): BriefingText {
  return lang === 'zh' ? zh : en;
}
