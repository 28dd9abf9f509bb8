import type { ReportData } from './report-data.js';

/** One report format: a file written into the run directory from the run's data. */
export interface Reporter {
  name: string;
  file: string;
  render(data: ReportData): string;
}
