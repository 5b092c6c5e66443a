/**
 * UI strings of the export controls for reports (issue 17): the status line every file job
 * shares, a region's monthly report in the side panel and a briefing's PDF/PPTX export, in
 * Chinese and English; spread into the main tables in messages.ts.
 */
export const reportsZh = {
  'fileJob.running': '正在生成 {file}… {percent}%',
  'fileJob.cancel': '取消',
  'fileJob.cancelled': '已取消 {file}',
  'fileJob.done': '已下载 {file}',
  'fileJob.failed': '{file} 生成失败：{message}',
  'report.monthly.title': '月报',
  'report.monthly.month': '月份',
  'report.monthly.hint': '{region}的月报：网格、力量配备、事件与巡查，与上月、去年同期对比；语言随界面。',
  'report.monthly.label': '{region} {month} 月报',
  'report.pdf': '导出 PDF',
  'report.pptx': '导出 PPTX',
  'report.briefing.title': '导出',
  'report.briefing.hint': '每页幻灯片一页：地图、关键数字和备注。',
  'report.briefing.label': '《{title}》{format}',
  'report.briefing.noSlides': '简报还没有幻灯片，无法导出。',
} as const;

export const reportsEn: Record<keyof typeof reportsZh, string> = {
  'fileJob.running': 'Making {file}… {percent}%',
  'fileJob.cancel': 'Cancel',
  'fileJob.cancelled': 'Cancelled {file}',
  'fileJob.done': 'Downloaded {file}',
  'fileJob.failed': '{file} failed: {message}',
  'report.monthly.title': 'Monthly report',
  'report.monthly.month': 'Month',
  'report.monthly.hint':
    'The monthly report of {region}: grids, staffing, incidents and patrols against the month before and a year before; in the UI language.',
  'report.monthly.label': '{region} {month} monthly report',
  'report.pdf': 'Export PDF',
  'report.pptx': 'Export PPTX',
  'report.briefing.title': 'Export',
  'report.briefing.hint': 'One page per slide: its map, key figure and note.',
  'report.briefing.label': '“{title}” {format}',
  'report.briefing.noSlides': 'The briefing has no slides to export yet.',
};
