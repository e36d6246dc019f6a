const KEY = 'trellis.lastOrg';

/** The organization the user looked at last, to return to it from `/`. */
export function rememberOrg(slug: string): void {
  try {
    window.localStorage.setItem(KEY, slug);
  } catch {
    // Storage may be disabled; remembering is a convenience only.
  }
}

export function lastOrg(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
