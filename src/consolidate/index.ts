/** Consolidation: returns → roster (pure), plus reading one return and the office's unit list and policy. */
export * from "./types";
export { readReturn, toScoredReturn, type ReadReturnOptions } from "./from-read";
export { parseUnitList, parseCsv, decodeCsv, UnitListError, type UnitList, type UnitListEncoding } from "./units";
export { parsePolicy, PolicySchema, PolicyError, DEFAULT_POLICY } from "./policy";
export { consolidate, TAMPER_KINDS, ROW_PROBLEM_KINDS } from "./roster";
export { consolidateComposite, compositePolicy } from "./composite";
export { parseScoreSheet, ScoresError, type ScoreSheet, type ScoreLine } from "./scores";
export { summarize, deductionMatrix, movedByReview, roundTo } from "./summary";
export { rankedFigures, selfFigures, reviewFigures, figureScore, BASIS_LABELS, type ReturnFigures } from "./basis";
