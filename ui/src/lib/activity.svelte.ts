// Calls to the Rust side that are still running. The app shows a progress
// bar only once a call has taken longer than half a second, so quick calls
// never flicker.
import { untrack } from "svelte";

/** How long a call runs before progress becomes visible, in milliseconds. */
export const PROGRESS_DELAY_MS = 500;

class Activity {
  /** Calls started and not yet finished. */
  pending = $state(0);
  /** Whether some call has been running for longer than the delay. */
  slow = $state(false);
  #timers = new Set<ReturnType<typeof setTimeout>>();

  /** Runs `work`, counting it as pending while it runs. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    // Untracked, so that an effect which calls the backend does not come to
    // depend on the count it changes (and run again, and again).
    untrack(() => (this.pending += 1));
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (this.pending > 0) this.slow = true;
    }, PROGRESS_DELAY_MS);
    this.#timers.add(timer);
    try {
      return await work();
    } finally {
      clearTimeout(timer);
      this.#timers.delete(timer);
      this.pending -= 1;
      // Progress stays visible while any slow call is still running.
      if (this.pending === 0) this.slow = false;
    }
  }
}

export const activity = new Activity();
