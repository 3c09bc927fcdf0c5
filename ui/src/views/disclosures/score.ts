// The weighted score of a pre-filing assessment, exactly as the backend computes it
// (assessment.rs `weighted_score_x10`): Σ weight × score / Σ weight in tenths, integers only,
// rounded half up once. The dialog shows it live; the saved figure is the backend's.

/** Σ wᵢ·sᵢ / Σ wᵢ in tenths of a point (`803` = 80.3); 0 without weights. Scores are 0–100. */
export function weightedScoreX10(scores: readonly { weight_bp: number; score: number }[]): number {
  const weights = scores.reduce((sum, s) => sum + s.weight_bp, 0)
  if (weights <= 0) return 0
  const points = scores.reduce((sum, s) => sum + s.weight_bp * s.score, 0) * 10
  // Half up for non-negative figures: floor((2p + w) / 2w).
  return Math.floor((2 * points + weights) / (2 * weights))
}

/** `803` → `80.3`, `1000` → `100.0`. */
export function formatScore(x10: number): string {
  return `${Math.trunc(x10 / 10)}.${Math.abs(x10 % 10)}`
}
