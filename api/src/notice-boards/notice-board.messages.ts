/**
 * A notice board's words, zh and en (`pnpm gridatlas notice-boards --lang en`, the API's
 * `lang`). Names of places, grids and people stay as registered; roles come from the roster's
 * own zh/en names (`staff_roles`).
 */
import { boundaryTextEn, boundaryTextZh, type BoundaryDescription } from './boundary-description.sql.js';
import type { NoticeBoard } from './notice-board.sql.js';

export const NOTICE_BOARD_LANGS = ['zh', 'en'] as const;
export type NoticeBoardLang = (typeof NOTICE_BOARD_LANGS)[number];

const zh = {
  htmlLang: 'zh-CN',
  title: '网格公示牌',
  codeLabel: '网格编码',
  type: { comprehensive: '综合网格', dedicated: '专属网格' } as Record<NoticeBoard['type'], string>,
  extent: '网格范围',
  boundary: (d: BoundaryDescription) => boundaryTextZh(d),
  basics: '基本情况',
  figures: (b: Pick<NoticeBoard, 'households' | 'persons' | 'buildings'>) =>
    `住户 <b>${b.households}</b> 户&#12288;人口 <b>${b.persons}</b> 人&#12288;楼栋 <b>${b.buildings}</b> 栋`,
  serviceHours: '服务时间',
  qrCaption: '扫码查看本网格<br/>（工作人员登录后可用）',
  team: '网格服务团队',
  columns: ['职务', '姓名', '联系电话'] as readonly string[],
  noStaff: '暂未配备工作人员',
  role: (s: NoticeBoard['staff'][number]) => s.roleZh,
  motto: '有事找网格员：小事不出网格，一般矛盾不出社区。',
  madeBy: (community: string, date: string) => `${community} 制 · ${date}`,
  separator: ' · ',
};

export type NoticeBoardText = typeof zh;

const en: NoticeBoardText = {
  htmlLang: 'en',
  title: 'Grid Notice Board',
  codeLabel: 'Grid code',
  type: { comprehensive: 'Comprehensive grid', dedicated: 'Dedicated grid' },
  extent: 'Grid extent',
  boundary: (d) => boundaryTextEn(d),
  basics: 'At a glance',
  figures: (b) => `Households <b>${b.households}</b>&#12288;Residents <b>${b.persons}</b>&#12288;Buildings <b>${b.buildings}</b>`,
  serviceHours: 'Service hours',
  qrCaption: 'Scan for this grid’s page<br/>(for signed-in staff)',
  team: 'Grid service team',
  columns: ['Role', 'Name', 'Work phone'],
  noStaff: 'No staff assigned yet',
  role: (s) => s.roleEn,
  motto: 'Ask your grid worker: small matters stay in the grid, ordinary disputes stay in the community.',
  madeBy: (community, date) => `Issued by ${community} · ${date}`,
  separator: ' · ',
};

export function noticeBoardText(lang: NoticeBoardLang): NoticeBoardText {
  return lang === 'en' ? en : zh;
}
