/** The renderers' own words (page furniture, comparison headings), zh and en; the content arrives translated. */
import type { ReportLang } from './report-document.js';

const MESSAGES = {
  zh: {
    page: (n: string, total: string) => `第 ${n} 页 / 共 ${total} 页`,
    asOf: (date: string) => `数据截至 ${date}`,
    generated: (date: string) => `生成于 ${date}`,
    previous: '较上月',
    previousSlide: '较上期',
    yearBefore: '较上年同期',
    contents: '目录',
    value: '本期',
    unit: '单位',
    trend: '走势',
    figure: '指标',
    region: '区域',
    period: '统计期',
    noData: '本期无数据',
    confidential: '内部资料 注意保存',
    partial: {
      previous: (since: string) => `上期记录不全（始于 ${since}）`,
      yearBefore: (since: string) => `去年同期记录不全（始于 ${since}）`,
    },
    zeroBase: { previous: '上期为 0', yearBefore: '去年同期为 0' },
  },
  en: {
    page: (n: string, total: string) => `Page ${n} of ${total}`,
    asOf: (date: string) => `Figures as of ${date}`,
    generated: (date: string) => `Generated ${date}`,
    previous: 'vs previous month',
    previousSlide: 'vs previous period',
    yearBefore: 'vs a year before',
    contents: 'Contents',
    value: 'This period',
    unit: 'Unit',
    trend: 'Trend',
    figure: 'Figure',
    region: 'Region',
    period: 'Period',
    noData: 'No data for this period',
    confidential: 'Internal — handle with care',
    partial: {
      previous: (since: string) => `previous period incomplete (records from ${since})`,
      yearBefore: (since: string) => `year-ago period incomplete (records from ${since})`,
    },
    zeroBase: { previous: 'previous period 0', yearBefore: 'a year before 0' },
  },
} as const;

export type ReportMessages = (typeof MESSAGES)['zh'] | (typeof MESSAGES)['en'];

export function reportMessages(lang: ReportLang): ReportMessages {
  return MESSAGES[lang];
}
