/**
 * How a promptfoo config runs our graders (`defaultTest.assert`). Our engine accepts exactly this
 * assertion, since it runs the same graders on every answer anyway, and refuses any other by name.
 */
export const OUR_ASSERTION = { type: 'javascript', value: 'file://dist/src/interop/promptfoo-assertion.js:grade' } as const;
