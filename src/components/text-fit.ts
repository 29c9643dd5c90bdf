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

/** Hard-wraps at spaces (or mid-word when a word is wider than the line), keeping an indent. */
export function wrapText(text: string, width: number, indent = 0): string[] {
  const room = Math.max(8, width - indent);
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  let rest = text;
  while ([...rest].length > room) {
    const head = [...rest].slice(0, room + 1).join('');
    const cut = head.lastIndexOf(' ');
    const at = cut > room / 3 ? cut : room;
    out.push(pad + rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  out.push(pad + rest);
  return out;
}
