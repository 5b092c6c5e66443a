/**
 * UI strings of the notice boards' language choice and the service-hours setting (issue 17), in
 * Chinese and English; spread into the main tables in messages.ts.
 */
export const noticeBoardsZh = {
  'noticeBoards.lang': '公示牌语言',
  'noticeBoards.lang.zh': '中文',
  'noticeBoards.lang.en': 'English',
  'serviceHours.title': '公示牌服务时间',
  'serviceHours.zh': '中文',
  'serviceHours.en': '英文',
  'serviceHours.save': '保存',
  'serviceHours.saving': '正在保存…',
  'serviceHours.saved': '已保存，新打印的公示牌将使用此服务时间。',
  'serviceHours.source.default': '目前使用系统默认值',
  'serviceHours.source.district': '目前使用全区统一设置',
  'serviceHours.source.community': '本社区单独设置（覆盖全区设置）',
  'serviceHours.districtHint': '全区统一设置，各社区可单独覆盖。',
  'serviceHours.communityHint': '仅对本社区的公示牌生效。',
  'serviceHours.reset': '改用全区设置',
  'serviceHours.resetDistrict': '恢复系统默认值',
  'serviceHours.failed': '保存失败：{message}',
};

export const noticeBoardsEn: Record<keyof typeof noticeBoardsZh, string> = {
  'noticeBoards.lang': 'Board language',
  'noticeBoards.lang.zh': '中文',
  'noticeBoards.lang.en': 'English',
  'serviceHours.title': 'Notice-board service hours',
  'serviceHours.zh': 'Chinese',
  'serviceHours.en': 'English',
  'serviceHours.save': 'Save',
  'serviceHours.saving': 'Saving…',
  'serviceHours.saved': 'Saved: boards printed from now on post these hours.',
  'serviceHours.source.default': 'Using the built-in default',
  'serviceHours.source.district': 'Using the district’s setting',
  'serviceHours.source.community': 'This community’s own (overrides the district’s)',
  'serviceHours.districtHint': 'For the whole district; a community may set its own.',
  'serviceHours.communityHint': 'For this community’s boards only.',
  'serviceHours.reset': 'Use the district’s',
  'serviceHours.resetDistrict': 'Back to the default',
  'serviceHours.failed': 'Could not save: {message}',
};
