import type { Analysis } from '../analysis/analyze.js';
import type { Range } from '../analysis/outline.js';
import { clamp01, round3, type Finding, type Grader } from './grader.js';

/** Per-feature artifacts the template asks every P0 deep dive for. */
const PER_FEATURE = ['sql', 'cache', 'payload', 'pseudocode'] as const;
type PerFeature = (typeof PER_FEATURE)[number];
const LABEL: Record<PerFeature, string> = { sql: 'DB schema/query (SQL/CQL)', cache: 'cache command', payload: 'messaging payload', pseudocode: 'pseudocode' };

/** Answer-wide requirements, each worth as much as one per-feature kind. */
const ANSWER_WIDE = ['diagram', 'cursor', 'idempotency', 'dedup', 'multiDeviceOffline'] as const;

const within = (line: number, ranges: readonly Range[]): boolean => ranges.some((r) => line >= r.start && line <= r.end);

/**
 * Required artifacts present in the P0 deep dives, and valid: presence is the share of
 * requirements met; validity is the share of SQL statements, Redis commands, JSON blocks and
 * base64 cursors that parse. Score = presence × (0.5 + 0.5 × validity).
 */
export const artifactsGrader: Grader = {
  name: 'artifacts',
  version: 1,
  grade(analysis: Analysis) {
    const { artifacts } = analysis;
    const findings: Finding[] = [];
    const dives = analysis.p0Dives;
    const lines: Record<PerFeature, number[]> = {
      sql: artifacts.sql.map((s) => s.line),
      cache: artifacts.redis.map((r) => r.line),
      payload: artifacts.json.filter((j) => j.payload).map((j) => j.line),
      pseudocode: artifacts.blocks.filter((b) => b.kind === 'program').map((b) => b.line),
    };
    let perFeature = 0;
    for (const kind of PER_FEATURE) {
      const having = dives.filter((d) => lines[kind].some((line) => within(line, d.ranges)));
      perFeature += dives.length === 0 ? 0 : having.length / dives.length;
      for (const dive of dives) {
        if (!having.includes(dive)) findings.push({ grader: 'artifacts', severity: 'warn', line: dive.line, message: `P0 deep dive '${dive.feature}' has no ${LABEL[kind]}` });
      }
    }
    const signals = analysis.p0Signals;
    const decodable = artifacts.cursors.filter((c) => c.kind === 'json' || c.decodes === 'json' || c.decodes === 'text');
    const wide: Record<(typeof ANSWER_WIDE)[number], boolean> = {
      diagram: artifacts.blocks.some((b) => b.kind === 'diagram'),
      cursor: decodable.length > 0,
      idempotency: signals.idempotency,
      dedup: signals.dedupStrategy,
      multiDeviceOffline: signals.multiDeviceOffline,
    };
    for (const [name, present] of Object.entries(wide)) {
      if (!present) findings.push({ grader: 'artifacts', severity: 'warn', line: null, message: `no ${name === 'multiDeviceOffline' ? 'multi-device/offline handling' : name === 'dedup' ? 'deduplication strategy' : name === 'cursor' ? 'cursor example' : name === 'diagram' ? 'ASCII diagram' : 'idempotency key'}${name === 'diagram' || name === 'cursor' ? '' : ' in the P0 deep dives'}` });
    }
    const presence = (perFeature + Object.values(wide).filter(Boolean).length) / (PER_FEATURE.length + ANSWER_WIDE.length);

    let checked = 0;
    let valid = 0;
    for (const statement of artifacts.sql) {
      checked++;
      valid += statement.valid ? (statement.elided ? 0.5 : 1) : 0;
      if (!statement.valid) findings.push({ grader: 'artifacts', severity: 'error', line: statement.errorLine ?? statement.line, message: `SQL does not parse: ${statement.error ?? ''}`.trim() });
      else if (statement.elided) findings.push({ grader: 'artifacts', severity: 'info', line: statement.line, message: 'SQL parses only with its "..." elisions filled in: not copy-paste ready' });
    }
    for (const command of artifacts.redis) {
      checked++;
      if (command.problem === null) valid++;
      else findings.push({ grader: 'artifacts', severity: 'error', line: command.line, message: command.problem });
    }
    for (const json of artifacts.json) {
      checked++;
      if (json.valid) valid++;
      else findings.push({ grader: 'artifacts', severity: 'error', line: json.line, message: `JSON block does not parse: ${json.error ?? ''}` });
    }
    for (const cursor of artifacts.cursors.filter((c) => c.kind === 'base64')) {
      checked++;
      if (cursor.decodes === 'json' || cursor.decodes === 'text') valid++;
      else findings.push({ grader: 'artifacts', severity: 'error', line: cursor.line, message: `base64 cursor ${cursor.value.slice(0, 24)}… does not decode` });
    }
    const validity = checked === 0 ? 1 : valid / checked;
    return {
      grader: 'artifacts',
      version: 1,
      score: round3(clamp01(presence * (0.5 + 0.5 * validity))),
      subScores: { presence: round3(presence), validity: round3(validity), perFeature: round3(perFeature / PER_FEATURE.length) },
      findings,
    };
  },
};
