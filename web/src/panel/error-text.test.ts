import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-client';
import { translate } from '../i18n/translate';
import { errorText } from './error-text';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh', key, params);

describe('errorText', () => {
  it('names a 403 as a permission or jurisdiction problem, with the server reason', () => {
    expect(errorText(t, new ApiError(403, 'region 610199001 is outside your jurisdiction'))).toBe(
      '没有权限，或超出您的辖区：region 610199001 is outside your jurisdiction',
    );
  });

  it('reports other failures as a failed load', () => {
    expect(errorText(t, new ApiError(500, 'internal error'))).toBe('数据加载失败：internal error');
    expect(errorText(t, new Error('offline'))).toBe('数据加载失败：offline');
  });
});
