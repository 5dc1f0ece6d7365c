/** The task pane's stand-in for shipped.ts (webpack.config.js): nothing up front; library.ts's loadShippedRubrics() loads them. */
export const SHIPPED: Record<string, unknown> | undefined = undefined;
