import { join } from 'node:path';

/** Where runs are stored, relative to the working directory. */
export const RESULTS_DIR = 'results';
/** Response cache (the judge's sits beside it in `.cache/judge`). */
export const CACHE_DIR = join('.cache', 'responses');
/** Rendered answers for the HTML report. */
export const RENDER_CACHE_DIR = join('.cache', 'renders');
/** The rubric used when none is named. */
export const DEFAULT_RUBRIC = 'rubrics/system-design.yaml';
