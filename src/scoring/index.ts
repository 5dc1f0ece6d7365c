export { score, sectionsFor, ScoringError, type ScoreOptions } from "./score";
export { DEFAULT_TIER_POLICY, TIER_LABELS, tierFor } from "./tiers";
export * from "./types";
