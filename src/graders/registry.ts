import { artifactsGrader } from './artifacts.js';
import { depthGrader } from './depth.js';
import type { Grader } from './grader.js';
import { markdownGrader } from './markdown.js';

/** Structural graders by name; a new grader is one file and one line here. */
export const GRADERS: readonly Grader[] = [depthGrader, artifactsGrader, markdownGrader];
