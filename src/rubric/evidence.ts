import type { Analysis } from '../analysis/analyze.js';
import type { DeepDive, Range } from '../analysis/outline.js';
import { bestMatch } from '../analysis/features.js';

/** A deterministic check of one criterion against the analysis (no model). */
export type EvidenceCheck = (analysis: Analysis) => boolean;

const p0Dives = (a: Analysis): DeepDive[] => a.p0Dives;
const within = (line: number, dives: readonly DeepDive[]): boolean => dives.some((d) => d.ranges.some((r: Range) => line >= r.start && line <= r.end));

/** Every evidence check a rubric may name; a new check is one entry here. */
export const EVIDENCE: Readonly<Record<string, EvidenceCheck>> = {
  p0_ranked: (a) => a.outline.p0Features.length >= 3 && a.outline.p0Features.length <= 6,
  every_p0_has_deep_dive: (a) => a.outline.p0Features.length > 0 && a.outline.p0Features.every((f) => bestMatch(f.name, a.outline.deepDives.map((d) => d.feature)) >= 0),
  p0_aspects_six_of_eight: (a) => {
    const dives = p0Dives(a);
    return dives.length > 0 && dives.reduce((sum, d) => sum + d.aspects.length, 0) / dives.length >= 6;
  },
  p0_sql_valid: (a) => {
    const sql = a.artifacts.sql.filter((s) => within(s.line, p0Dives(a)));
    return sql.length > 0 && sql.filter((s) => s.valid && !s.elided).length / sql.length >= 0.9;
  },
  p0_redis_valid: (a) => {
    const redis = a.artifacts.redis.filter((r) => within(r.line, p0Dives(a)));
    return redis.length > 0 && redis.every((r) => r.problem === null);
  },
  p0_event_payloads: (a) => a.artifacts.json.some((j) => j.payload && j.valid && within(j.line, p0Dives(a))),
  idempotency: (a) => a.p0Signals.idempotency,
  dedup: (a) => a.artifacts.signals.dedupStrategy,
  cursor_decodes: (a) => a.artifacts.cursors.some((c) => c.kind === 'json' || c.decodes === 'json'),
  multi_device_offline: (a) => a.p0Signals.multiDeviceOffline,
  metrics_named: (a) => a.artifacts.signals.metricsNamed.length >= 2,
  approaches_with_recommendation: (a) => a.artifacts.signals.multipleApproaches,
  summary_table: (a) => a.outline.summaryTable !== null,
  no_render_breakers: (a) => a.doc.source.lastContentLine > 0 && !a.markdown.some((i) => ['unclosed_fence', 'truncated', 'escaped_pipe_table'].includes(i.kind)),
  exactly_once_claim_without_idempotency: (a) => /exactly[- ]once/i.test(a.doc.source.text) && !a.artifacts.signals.idempotency && !a.artifacts.signals.dedupStrategy,
  placeholder_left: (a) => a.markdown.some((i) => i.kind === 'placeholder_left'),
};
