// Small choices the app remembers between starts (language, programme view,
// second zone), in the webview's local storage. Storage can be switched
// off in a webview; a choice then lasts only as long as the window, which is
// no reason to fail.

export function remembered(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function remember(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // See above: not remembering is acceptable.
  }
}
