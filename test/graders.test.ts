import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/analyze.js';
import { artifactsGrader } from '../src/graders/artifacts.js';
import { depthGrader, WORKED_OUT } from '../src/graders/depth.js';
import { markdownGrader } from '../src/graders/markdown.js';
import { overallScore } from '../src/graders/overall.js';
import { gradeAnswer } from '../src/grade/grade-answer.js';

const words = (n: number, word = 'specific'): string => Array.from({ length: n }, () => word).join(' ');

/** One P0 feature with a 60-word Client → Server part, a 90-word Storage part and a hollow Monitoring part. */
const ANSWER = `# Design: Pastebin

## 1. Requirements

- Create paste (P0)
- Expiry (P1)

## 3. Functional Requirement Deep Dives

### 3.1 Create paste

#### Client → Server Flow

${words(60)}

#### Data Storage & Retrieval

${words(90)}

#### Instrumentation & Monitoring

We monitor it.
`;

describe('depth grader', () => {
  it('scores P0 coverage × aspect coverage × substance exactly', () => {
    const grade = depthGrader.grade(analyze(ANSWER), {});
    // Client → Server: 60/120; Storage: 90/120; six aspects missing or hollow: 0.
    expect(grade.score).toBe(Math.round(((60 / WORKED_OUT + 90 / WORKED_OUT) / 8) * 1000) / 1000);
    expect(grade.subScores).toEqual({ p0Coverage: 1, aspectCoverage: 0.25, substance: 0.625 });
    expect(grade.findings).toContainEqual({ grader: 'depth', severity: 'warn', line: 20, message: "feature 'Create paste': Instrumentation & Monitoring part is hollow (3 words, 0 artifacts)" });
    expect(grade.findings).toContainEqual({ grader: 'depth', severity: 'warn', line: 10, message: "feature 'Create paste' has no Pagination & Cursor Handling part" });
  });

  it('a P0 feature without a deep dive counts as zero', () => {
    const grade = depthGrader.grade(analyze(ANSWER.replace('- Expiry (P1)', '- Expiry (P0)')), {});
    expect(grade.subScores.p0Coverage).toBe(0.5);
    expect(grade.findings).toContainEqual({ grader: 'depth', severity: 'error', line: 6, message: "P0 feature 'Expiry' has no deep dive" });
  });

  it('saturates: twice the words in a worked-out part earn nothing more', () => {
    const long = depthGrader.grade(analyze(ANSWER.replace(words(90), words(240))), {});
    const enough = depthGrader.grade(analyze(ANSWER.replace(words(90), words(120))), {});
    expect(long.score).toBe(enough.score);
  });
});

describe('artifacts grader', () => {
  it('counts what is present in the P0 deep dives and what parses', () => {
    const withArtifacts = ANSWER.replace(
      'We monitor it.',
      ['```sql', 'SELECT id FROM pastes WHERE id = $1;', 'SELEC broken;', '```', '', '```redis', 'SET paste:1 body EX 60', 'GET', '```'].join('\n'),
    );
    const grade = artifactsGrader.grade(analyze(withArtifacts), {});
    // 4 statements/commands checked: 1 valid SQL, 1 invalid SQL, 1 valid SET, GET missing its key.
    expect(grade.subScores.validity).toBe(0.5);
    // sql and cache present in the one P0 deep dive (2 of 4 per-feature kinds); no answer-wide kind.
    expect(grade.subScores.perFeature).toBe(0.5);
    expect(grade.subScores.presence).toBe(Math.round((2 / 9) * 1000) / 1000);
    expect(grade.findings.filter((f) => f.severity === 'error').map((f) => f.line)).toEqual([24, 29]);
  });
});

describe('markdown grader', () => {
  it('takes capped penalties per defect kind', () => {
    const grade = markdownGrader.grade(analyze('# A\n\n### B\n\n### C\n\n#### D\n\n###### E\n\ntext [MESSAGING_SYSTEM] here.\n'), {});
    expect(grade.subScores).toEqual({ heading_skip: -0.06, placeholder_left: -0.15 });
    expect(grade.score).toBe(0.79);
  });
});

describe('overall', () => {
  it('is the content score scaled by Markdown validity', () => {
    expect(overallScore({ depth: 0.8, artifacts: 0.5, markdown: 0.6 })).toBe(Math.round(0.68 * (1 - 0.25 * 0.4) * 1000) / 1000);
    expect(overallScore({ depth: 0, artifacts: 0, markdown: 1 })).toBe(0);
    expect(overallScore({ depth: 1, artifacts: 1, markdown: 0 }, { depth: 1, artifacts: 1, markdown: 0.5 })).toBe(0.5);
  });

  it('gradeAnswer reports every grader and the weighted overall', () => {
    const result = gradeAnswer('a.md', ANSWER);
    expect(Object.keys(result.subScores)).toEqual(['depth', 'artifacts', 'markdown']);
    expect(result.scores.overall).toBe(overallScore(result.scores));
  });
});
