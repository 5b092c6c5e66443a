/** A briefing export's words, zh and en. */
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
  units: { incidents: '件', grids: '个', households: '户' },
  incidents: (categories: string[] | null) => (categories ? `事件数（${categories.join('、')}）` : '事件数'),
  grids: '网格数',
  households: '户数',
  incidentMap: (region: string) => `${region} 各网格每千户事件数`,
  incidentLegend: '事件数 / 千户',
  householdsMap: (region: string) => `${region} 各网格户数`,
  householdsLegend: '户数',
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
  units: { incidents: 'incidents', grids: 'grids', households: 'households' },
  incidents: (categories) => (categories ? `Incidents (${categories.join(', ')})` : 'Incidents'),
  grids: 'Grids',
  households: 'Households',
  incidentMap: (region) => `${region}: incidents per 1,000 households by grid`,
  incidentLegend: 'Incidents / 1,000 hh',
  householdsMap: (region) => `${region}: households per grid`,
  householdsLegend: 'Households',
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
