/** Grid notice boards: the PDF for a grid or a community (the job, the route and the CLI use it). */
export { DEFAULT_SERVICE_HOURS, renderNoticeBoards, type NoticeBoardsOptions, type NoticeBoardsResult } from './notice-boards.pdf.js';
export { NoticeBoardRegionError } from './notice-board.sql.js';
export { gridPageUrl } from './notice-board.html.js';
