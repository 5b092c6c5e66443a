/**
 * A small report document for the renderers' tests, and a solid-colour PNG made with node's
 * zlib (a real PNG a zip reader and PowerPoint accept; the print engine makes the real ones).
 */
import { crc32, deflateSync } from 'node:zlib';
import { barChartSvg } from './charts/bar-chart.svg.js';
import type { ReportDocument } from './report-document.js';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A `width × height` PNG of one RGB colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [47, 109, 181]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const png = Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return new Uint8Array(png);
}

export function fixtureReport(): ReportDocument {
  const chart = barChartSvg(
    [
      { label: '矛盾纠纷', value: 42, compare: 30 },
      { label: '安全隐患', value: 17, compare: 21 },
    ],
    { width: 480, legend: ['本月', '上月'] },
  );
  return {
    lang: 'zh',
    kind: 'monthly',
    title: '网格化服务管理月报',
    subtitle: '2026年11月',
    region: { code: '350102', name: '鼓楼区' },
    period: '2026-11',
    asOf: '2026-11-30',
    generatedAt: '2026-12-07T05:00:00.000Z',
    sections: [
      {
        key: 'incidents',
        title: '事件办理',
        summary: '本月受理事件 59 件，较上月增加 8 件。',
        figures: [
          {
            label: '事件数',
            value: 59,
            format: 'count',
            unit: '件',
            sense: 'lower-better',
            previous: 51,
            yearBefore: 70,
            series: [40, 45, 51, 59],
          },
          { label: '办结率', value: 0.915, format: 'share', unit: '', sense: 'higher-better', previous: 0.9, yearBefore: null },
          { label: '重点人群走访', value: null, format: 'count', unit: '人次', sense: 'neutral', display: '<5' },
        ],
        map: {
          kind: 'map',
          title: '每千户事件数',
          svg: '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#2f6db5"/></svg>',
          width: 400,
          height: 300,
          png: solidPng(40, 30),
        },
        charts: [{ kind: 'chart', title: '事件类别', svg: chart.svg, width: chart.width, height: chart.height, png: solidPng(48, 10) }],
        tables: [
          {
            title: '事件最多的网格',
            columns: [{ label: '网格' }, { label: '事件', align: 'right' }],
            rows: Array.from({ length: 12 }, (_, i) => [`网格 ${i + 1}`, String(20 - i)]),
            note: '按每千户事件数排序',
          },
        ],
        notes: ['数据来源：事件闭环记录'],
      },
    ],
  };
}
