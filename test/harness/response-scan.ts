import type { Marker } from './scope-expectations';
import type { Selection } from './schema-walk';

/** Reading a probe's responses back: where planted values turn up, and what type each object is. */

export interface Hit {
  /** Where in the response, e.g. `nodes[0].host.id`. */
  path: string;
  marker: Marker;
}

/** Finds planted values inside any string of a response, in one pass per string. */
export class MarkerSearch {
  private readonly byValue = new Map<string, Marker>();
  private readonly pattern: RegExp | null;

  constructor(markers: Marker[]) {
    for (const marker of markers) if (!this.byValue.has(marker.value)) this.byValue.set(marker.value, marker);
    // Longest first, so a value that contains another is reported as itself.
    const alternatives = [...this.byValue.keys()]
      .sort((a, b) => b.length - a.length)
      .map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'g') : null;
  }

  /** Every marker in every string below `value`, with its path from `path`. */
  search(value: unknown, path = ''): Hit[] {
    const hits: Hit[] = [];
    const visit = (node: unknown, at: string) => {
      if (typeof node === 'string') {
        if (!this.pattern) return;
        for (const match of node.matchAll(this.pattern))
          hits.push({ path: at, marker: this.byValue.get(match[0])! });
      } else if (Array.isArray(node)) {
        node.forEach((item, i) => visit(item, `${at}[${i}]`));
      } else if (node && typeof node === 'object') {
        for (const [key, item] of Object.entries(node)) visit(item, at ? `${at}.${key}` : key);
      }
    };
    visit(value, path);
    return hits;
  }
}

/**
 * Walks a response along the selection that asked for it, calling `visit` for each non-null object
 * with the selection that asked for it, its path, and the schema field it was reached through
 * (`Workshop.host`).
 */
export function walkObjects(
  value: unknown,
  selection: Selection,
  path: string,
  via: string,
  visit: (selection: Selection, path: string, object: Record<string, unknown>, via: string) => void,
): void {
  if (value === null || value === undefined || !selection.children.length) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkObjects(item, selection, `${path}[${i}]`, via, visit));
    return;
  }
  const object = value as Record<string, unknown>;
  visit(selection, path, object, via);
  for (const child of selection.children) {
    walkObjects(
      object[child.key],
      child,
      `${path}.${child.key}`,
      `${selection.typeName}.${child.field}`,
      visit,
    );
  }
}
