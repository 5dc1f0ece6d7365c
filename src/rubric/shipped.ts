/**
 * The shipped rubrics, there from the start: the command line and the tests. The task pane's build maps this
 * module to shipped-pane.ts (webpack.config.js), so its first script carries no rubric data (the complete
 * county2023 alone is 51 KB gzipped) and the pane loads them with `loadShippedRubrics()` before it shows anything.
 */
export { SHIPPED_SOURCES as SHIPPED } from "./shipped-data";
