/** The Code page's column-statistics table body, one HTML string for the build-time render and the island. */
import { significant } from '../lib/display.ts';
import type { ColumnSummary } from '../lib/run-example.ts';
import { escapeHtml } from './html.ts';

/** At most this many columns get a table row; the caption says how many more there are. */
export const MAX_TABLE_COLUMNS = 50;

export const statsHeaders = ['Column', 'σ² of the input', 'Mean after', 'Std after', '√(σ² / (σ² + ε))'] as const;

/** The table's rows: one per column of the result, up to `MAX_TABLE_COLUMNS`. */
export function statsRows(columns: readonly ColumnSummary[]): string {
  return columns
    .slice(0, MAX_TABLE_COLUMNS)
    .map((column, j) => {
      const cells = [
        significant(column.inputVariance, 6),
        significant(column.mean, 3),
        significant(column.std, 9),
        significant(column.predictedStd, 9),
      ];
      return `<tr><th scope="row">${j}</th>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    })
    .join('');
}

export function statsCaption(rows: number, cols: number): string {
  const shown = Math.min(cols, MAX_TABLE_COLUMNS);
  const rest = cols > shown ? ` (the first ${shown} of ${cols.toLocaleString('en-US')})` : '';
  return `Each column of the result, over its ${rows.toLocaleString('en-US')} rows${rest}`;
}
