import { describe, expect, it } from 'vitest'
import { formatScore, weightedScoreX10 } from './score'

const sheet = (pairs: [number, number][]) => pairs.map(([weight_bp, score]) => ({ weight_bp, score }))

describe('weighted score', () => {
  it('matches the hand computation of the backend tests', () => {
    // 85 × 30% + 78 × 30% + 91 × 20% + 66 × 20% = 25.5 + 23.4 + 18.2 + 13.2 = 80.3.
    expect(weightedScoreX10(sheet([[3000, 85], [3000, 78], [2000, 91], [2000, 66]]))).toBe(803)
    // 80.25 rounds half up to 80.3; 81.3335 down to 81.3.
    expect(weightedScoreX10(sheet([[2500, 80], [2500, 80], [2500, 80], [2500, 81]]))).toBe(803)
    expect(weightedScoreX10(sheet([[3333, 80], [3333, 81], [3334, 83]]))).toBe(813)
    expect(weightedScoreX10([])).toBe(0)
  })

  it('shows one decimal', () => {
    expect(formatScore(803)).toBe('80.3')
    expect(formatScore(1000)).toBe('100.0')
    expect(formatScore(0)).toBe('0.0')
  })
})
