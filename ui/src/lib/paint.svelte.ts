/**
 * Runs `fn` once the browser has painted the current frame (the next
 * animation frame, then the task after it); returns a function that cancels
 * it. Work that need not hold back the first screen waits for this.
 */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== "function") {
    timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => (timer = setTimeout(fn, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * How many entries of a long list to render: `step` at first, `step` more
 * after each painted frame, until all `count()` are there. The first
 * screenful is painted without waiting for a five-year list or a 300-item
 * programme, and no single frame builds more than `step` rows. Call it while
 * a component initialises; `limit` is reactive.
 */
export function progressive(step: number, count: () => number): { readonly limit: number } {
  let limit = $state(step);
  $effect(() => {
    if (limit >= count()) return;
    return afterPaint(() => (limit += step));
  });
  return {
    get limit() {
      return limit;
    },
  };
}
