/** Grid notice boards: the PDF for a grid or a community (the job, the route and the CLI use it). */
export { renderNoticeBoards, type NoticeBoardsOptions, type NoticeBoardsResult } from './notice-boards.pdf.js';
export { NoticeBoardRegionError } from './notice-board.sql.js';
export { gridPageUrl } from './notice-board.html.js';
export { DEFAULT_SERVICE_HOURS, serviceHoursOf } from './service-hours.store.js';
export { NOTICE_BOARD_LANGS, type NoticeBoardLang } from './notice-board.messages.js';
