/** The monthly report's words, zh and en (section titles, figure labels, sentences). */
import type { Dashboard, GridsSection, IncidentsSection } from '../dashboard/dashboard.schemas.js';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const n = (v: number | null): string => (v === null ? '—' : String(Math.round(v)));
const monthZh = (key: string): string => `${key.slice(0, 4)}年${Number(key.slice(5, 7))}月`;

const zh = {
  title: (region: string) => `${region}网格化服务管理月报`,
  subtitle: (period: string) => monthZh(period),
  units: { grids: '个', plans: '个', incidents: '件', per1000: '件/千户', hours: '小时', segments: '段' },
  col: { now: '本月', previous: '上月', yearAgo: '上年同期', rank: '序号', gridCode: '网格编码', gridName: '网格名称', households: '户数' },
  overview: {
    title: '一、总体情况',
    summary: (d: Dashboard) =>
      `${monthZh(d.period.key)}，${d.region.name}共有网格 ${n(d.grids.count.value)} 个，规模达标率 ${pct(d.grids.withinShare.value)}；受理事件 ${n(d.incidents.count.value)} 件（上月 ${n(d.incidents.count.previous)} 件），办结率 ${pct(d.incidents.closedShare.value)}。`,
  },
  grids: {
    title: '二、网格划分',
    summary: (g: GridsSection, d: Dashboard) =>
      `月末在用网格 ${n(g.count.value)} 个，其中超过标准 ${n(g.over.value)} 个、规模过小 ${n(g.under.value)} 个，待审批调整方案 ${n(g.plansWaiting.value)} 个。全区共 ${n(d.households)} 户。`,
    count: '网格数',
    withinShare: '规模达标率',
    over: '超标网格',
    under: '过小网格',
    dedicated: '专属网格（不计入标准）',
    singleUnit: '单栋超标网格（不可再分）',
    plansWaiting: '待审批方案',
    rule: (r: GridsSection['rule']) =>
      `划分标准：每个网格不超过 ${r.maxHouseholds} 户或 ${r.maxPersons} 人（${r.combine === 'all' ? '两项均须满足' : '满足其一即可'}），低于标准的 ${Math.round(r.underFillRatio * 100)}% 视为过小。`,
    mapTitle: '各网格户数',
    mapLegend: '户数',
  },
  staffing: {
    title: '三、网格力量配备',
    fully: '人员配齐的网格',
    fullyShare: '人员配齐率',
    vacancies: '各岗位空缺网格数',
    role: '岗位',
    note: '按“N+5”模式，岗位可按网格、片区、社区或街道配备；表中为缺少该岗位的网格数。',
  },
  incidents: {
    title: '四、事件办理',
    summary: (i: IncidentsSection, d: Dashboard) =>
      `本月受理事件 ${n(i.count.value)} 件，每千户 ${i.per1000Households.value === null ? '—' : i.per1000Households.value.toFixed(1)} 件；办结率 ${pct(i.closedShare.value)}，超期未办结 ${n(i.overdueOpen.value)} 件，返工 ${n(i.returnedForRework.value)} 件。${d.region.name}事件最多的网格见下表。`,
    count: '事件数',
    per1000: '每千户事件数',
    closedShare: '办结率',
    medianHours: '办结用时中位数',
    overdueOpen: '超期未办结',
    closedOverdue: '超期办结',
    rework: '退回返工',
    byCategory: '事件类别（本月与上月）',
    series: '近13个月事件数',
    heaviest: '事件最多的网格',
    mapTitle: '各网格每千户事件数',
    mapLegend: '事件数 / 千户',
    mapCaption: (period: string) => `${monthZh(period)}受理的事件，按事件发生时所在网格统计。`,
    note: '办结率：本月受理且未作废的事件中，月末前已办结的比例。',
  },
  patrols: {
    title: '五、网格巡查',
    coverage: '街巷巡查覆盖率',
    notPatrolled: (days: number) => `近 ${days} 天未巡查的网格`,
    deadCorners: (days: number) => `近 ${days} 天未巡查的街巷段（死角）`,
    pending: '本月巡查覆盖尚未计算完成，请稍后重新导出。',
    note: '覆盖率：巡查轨迹 30 米范围内的街巷长度占全部街巷长度的比例。',
  },
  special: {
    title: '六、重点人群走访',
    visits: '走访应访与已访（仅汇总数）',
    category: '类别',
    cadence: '走访周期',
    due: '应访人数',
    done: '已访人数',
    total: '合计',
    cadences: { monthly: '每月', quarterly: '每季度', yearly: '每年' },
    note: (threshold: number) => `为保护个人信息，少于 ${threshold} 人的单元格显示为“<${threshold}”，可推算出其数值的单元格显示为“—”。`,
  },
};

export type MonthlyText = typeof zh;

const en: MonthlyText = {
  title: (region) => `${region}: monthly grid management report`,
  subtitle: (period) => period,
  units: { grids: 'grids', plans: 'plans', incidents: 'incidents', per1000: 'per 1,000 hh', hours: 'hours', segments: 'segments' },
  col: {
    now: 'This month',
    previous: 'Previous month',
    yearAgo: 'A year before',
    rank: 'No.',
    gridCode: 'Grid code',
    gridName: 'Grid',
    households: 'Households',
  },
  overview: {
    title: '1. Overview',
    summary: (d) =>
      `In ${d.period.key}, ${d.region.name} had ${n(d.grids.count.value)} grids, ${pct(d.grids.withinShare.value)} within the size rule; ${n(d.incidents.count.value)} incidents were reported (previous month ${n(d.incidents.count.previous)}), ${pct(d.incidents.closedShare.value)} closed.`,
  },
  grids: {
    title: '2. Grids',
    summary: (g, d) =>
      `${n(g.count.value)} grids in force at the month's end: ${n(g.over.value)} over the rule, ${n(g.under.value)} under-filled; ${n(g.plansWaiting.value)} plans wait for approval. ${n(d.households)} households in all.`,
    count: 'Grids',
    withinShare: 'Within the rule',
    over: 'Over the rule',
    under: 'Under-filled',
    dedicated: 'Dedicated grids (outside the rule)',
    singleUnit: 'Single building over the rule',
    plansWaiting: 'Plans waiting for approval',
    rule: (r) =>
      `Rule: at most ${r.maxHouseholds} households or ${r.maxPersons} persons per grid (${r.combine === 'all' ? 'both must hold' : 'either suffices'}); below ${Math.round(r.underFillRatio * 100)}% counts as under-filled.`,
    mapTitle: 'Households per grid',
    mapLegend: 'Households',
  },
  staffing: {
    title: '3. Staffing',
    fully: 'Grids fully staffed',
    fullyShare: 'Share fully staffed',
    vacancies: 'Grids lacking each role',
    role: 'Role',
    note: 'The N+5 model: a role may be filled per grid, zone, community or subdistrict; the table counts grids lacking it.',
  },
  incidents: {
    title: '4. Incidents',
    summary: (i, d) =>
      `${n(i.count.value)} incidents this month, ${i.per1000Households.value === null ? '—' : i.per1000Households.value.toFixed(1)} per 1,000 households; ${pct(i.closedShare.value)} closed, ${n(i.overdueOpen.value)} open past their deadline, ${n(i.returnedForRework.value)} returned for rework. The heaviest grids of ${d.region.name} are listed below.`,
    count: 'Incidents',
    per1000: 'Per 1,000 households',
    closedShare: 'Closed',
    medianHours: 'Median time to close',
    overdueOpen: 'Open past deadline',
    closedOverdue: 'Closed late',
    rework: 'Returned for rework',
    byCategory: 'By category (this and previous month)',
    series: 'Incidents, last 13 months',
    heaviest: 'Heaviest grids',
    mapTitle: 'Incidents per 1,000 households by grid',
    mapLegend: 'Incidents / 1,000 hh',
    mapCaption: (period) => `Incidents reported in ${period}, counted in the grid in force where each happened.`,
    note: "Closed: of the month's incidents not voided, the share closed by the month's end.",
  },
  patrols: {
    title: '5. Patrols',
    coverage: 'Street coverage',
    notPatrolled: (days) => `Grids not patrolled for ${days} days`,
    deadCorners: (days) => `Dead corners (no patrol in ${days} days)`,
    pending: "This month's patrol coverage is still being worked out: export again later.",
    note: 'Coverage: street length within 30 m of a patrol track ÷ all street length.',
  },
  special: {
    title: '6. Special groups: visits',
    visits: 'Visits due and done (aggregates only)',
    category: 'Category',
    cadence: 'Cadence',
    due: 'Due',
    done: 'Done',
    total: 'Total',
    cadences: { monthly: 'monthly', quarterly: 'quarterly', yearly: 'yearly' },
    note: (threshold) =>
      `To protect individuals, cells under ${threshold} show "<${threshold}" and cells that would give them away show "—".`,
  },
};

export function monthlyText(lang: 'zh' | 'en'): MonthlyText {
  return lang === 'zh' ? zh : en;
}
