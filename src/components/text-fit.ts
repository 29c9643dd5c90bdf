/**
 * Fitting text into a fixed number of terminal columns. Counts code points, which is right for
 * the ASCII names AWS allows for clusters, services and tags.
 */

export function textWidth(text: string): number {
  return [...text].length;
}

/** Cuts `text` to `width` columns, ending in `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width === 1) return '…';
  return `${chars.slice(0, width - 1).join('')}…`;
}

/** Truncates, then pads to exactly `width` columns. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - textWidth(cut)));
  return align === 'right' ? pad + cut : cut + pad;
}
