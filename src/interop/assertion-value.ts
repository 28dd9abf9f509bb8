/**
 * How a promptfoo config runs our graders (`defaultTest.assert`). Our engine accepts exactly this
 * assertion, since it runs the same graders on every answer anyway, and refuses any other by name.
 */
export const OUR_ASSERTION = { type: 'javascript', value: 'file://dist/src/interop/promptfoo-assertion.js:grade' } as const;

/** The module may be named by any path (promptfoo resolves it against the config's directory). */
const OUR_MODULE = /^file:\/\/(?:.*\/)?dist\/src\/interop\/promptfoo-assertion\.js:grade$/;

export function isOurAssertion(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return Object.keys(entry).length === 2 && entry.type === OUR_ASSERTION.type && typeof entry.value === 'string' && OUR_MODULE.test(entry.value);
}
