/** Chinese name material for synthetic streets, regions, compounds and staff. */
import type { Random } from '@gridatlas/core';

export const NS_ROAD_STEMS = ['丰庆', '桃园', '劳动', '大兴', '西关', '洒金桥', '北关', '红光', '星火', '工农', '团结', '西华门', '建国', '永宁', '安定', '玉祥', '习武园', '土门'];
export const EW_ROAD_STEMS = ['大庆', '枣园', '丰禾', '西稍门', '环城', '莲湖', '西五', '北院门', '庙后', '青年', '草场坡', '红埠', '自强', '龙首', '桃园', '汉城', '昆明'];
export const PLACE_STEMS = ['青年', '北院门', '桃园', '红庙坡', '环城西', '土门', '西关', '枣园', '北关', '劳动', '星火', '丰庆', '龙首', '大兴', '红光', '团结', '永安', '和平', '文景', '长乐', '安仁', '明德', '兴庆', '广济', '德福', '西华', '庆安', '光华', '育才', '春晖', '怡园', '翠华', '锦园', '御道', '曲江', '仁和', '永丰', '太白', '庙坡', '电子'];
export const COMPOUND_SUFFIXES = ['小区', '花园', '家园', '公寓', '苑', '新村', '佳苑', '雅居'];
export const COMPOUND_STEMS = ['阳光', '锦绣', '华府', '翠园', '金色', '幸福', '和谐', '康居', '天朗', '秦韵', '丰景', '盛世', '汉唐', '绿地', '紫薇', '枫林', '书香', '长安', '新城', '西苑', '铁路', '电力', '邮电', '纺织', '机械厂', '医学院', '建工'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '田', '董', '袁', '潘', '蒋', '蔡', '杜', '贾'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '华', '建国', '玉兰', '红', '鹏', '婷', '晨', '博', '宇', '欣', '佳', '雪', '海燕', '文', '斌', '丹', '萍', '亮'];
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function chineseOrdinal(n: number): string {
  if (n <= 10) return DIGITS[n]!;
  if (n < 20) return `十${DIGITS[n - 10]}`;
  return `${DIGITS[Math.floor(n / 10)]}十${DIGITS[n % 10]}`;
}

export function personName(rng: Random): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.3) ? rng.pick(GIVEN).slice(0, 1) : '');
}

/** Picks stems without repeats until the list runs out, then with a numbering suffix. */
export function uniqueNamer(rng: Random, stems: readonly string[]): () => string {
  const pool = [...stems];
  let round = 1;
  return () => {
    if (pool.length === 0) {
      pool.push(...stems);
      round += 1;
    }
    const stem = pool.splice(rng.int(0, pool.length - 1), 1)[0]!;
    return round === 1 ? stem : `${stem}${chineseOrdinal(round)}`;
  };
}
