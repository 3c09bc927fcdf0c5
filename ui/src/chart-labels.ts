// Category labels of the ECharts bar charts. Left to itself ECharts drops every other label of a
// crowded axis, or lets long ones (a department, an English contract kind) run into each other
// and past the canvas; the office asked for every label, whole or visibly shortened.

/** Room kept between two labels under a column chart, in px. */
const GAP = 8

/**
 * The labels under `count` columns spread over `plotWidth` px: every one shown, each wrapped
 * within its own column's width so that neighbours never touch.
 */
export function columnLabels(count: number, plotWidth: number) {
  const width = Math.max(24, Math.floor(plotWidth / Math.max(count, 1)) - GAP)
  return { interval: 0, hideOverlap: false, width, overflow: 'break' as const, lineHeight: 14 }
}

/**
 * The labels beside the rows of a bar chart, cut to `width` px with an ellipsis; the chart's
 * axis tooltip names the row in full.
 */
export function rowLabels(width: number) {
  return { interval: 0, width, overflow: 'truncate' as const, ellipsis: '…' }
}

/**
 * A legend under the chart. Its entries are set wider apart than ECharts' 10 px: in English the
 * kinds are long, and the browser's text measure in the canvas falls a few pixels short of the
 * drawn text, so that at 10 px an entry's name ran into the next one's swatch.
 */
export const LEGEND = { bottom: 0, itemGap: 20 }
