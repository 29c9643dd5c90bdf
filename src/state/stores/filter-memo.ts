import { compileFilter, filterWords } from './service-list';

/**
 * Filters a long list as someone types: results are kept for the list they came from, so one
 * more letter filters the previous, shorter result, and erasing one finds the earlier result
 * again, instead of passing over every name on each keystroke. A new list starts afresh.
 */
export class FilterMemo<T> {
  private source: readonly T[] | undefined;
  /** By normalised filter (lower-case words joined by one space), oldest first. */
  private readonly results = new Map<string, readonly T[]>();

  constructor(
    private readonly nameOf: (item: T) => string,
    private readonly max = 16,
  ) {}

  /** The items of `source` whose name matches `filter`, in source order. */
  apply(source: readonly T[], filter: string): readonly T[] {
    const words = filterWords(filter);
    if (!words.length) return source;
    if (source !== this.source) {
      this.source = source;
      this.results.clear();
    }
    const key = words.join(' ');
    const hit = this.results.get(key);
    if (hit) return hit;
    const matches = compileFilter(key);
    const result = this.narrowestSuperset(words, source).filter((item) =>
      matches(this.nameOf(item)),
    );
    this.results.set(key, result);
    if (this.results.size > this.max) this.results.delete(this.results.keys().next().value!);
    return result;
  }

  /**
   * The smallest kept result that contains every match of `words`: one for a filter each of
   * whose words is part of some word in `words` (`ap` → `api`, `api` → `api web`).
   */
  private narrowestSuperset(words: readonly string[], source: readonly T[]): readonly T[] {
    let best = source;
    for (const [key, result] of this.results) {
      if (result.length >= best.length) continue;
      if (key.split(' ').every((w) => words.some((n) => n.includes(w)))) best = result;
    }
    return best;
  }
}
