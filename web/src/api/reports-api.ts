/** Starts a report job (`POST /api/reports`, reports.export): a region's month or a briefing, as PDF or PPTX. */
import type { JobAccepted, ReportRequest } from '@gridatlas/api/contract';
import { requestJson } from './api-client';

export const startReport = (body: ReportRequest) => requestJson<JobAccepted>('/api/reports', { method: 'POST', body });
