// The unsaved-changes guard. A form counts as changed once the user has typed
// or chosen something in it, and as settled again when it leaves the page
// (saved or cancelled), so no form has to report its own state: the guard
// watches `input` and `change` events on the document.

const touched = new Set<HTMLFormElement>();

function onEdit(e: Event) {
  const form = (e.target as Element | null)?.closest?.("form");
  // Forms marked `data-no-guard` (search boxes, filters) hold nothing to lose.
  if (form && !form.hasAttribute("data-no-guard")) touched.add(form);
}

/** Starts watching the document; returns a function that stops it. */
export function watchEdits(doc: Document = document): () => void {
  doc.addEventListener("input", onEdit, true);
  doc.addEventListener("change", onEdit, true);
  return () => {
    doc.removeEventListener("input", onEdit, true);
    doc.removeEventListener("change", onEdit, true);
  };
}

/** Whether a form on screen holds changes that were not saved. */
export function hasUnsavedChanges(): boolean {
  for (const form of touched) {
    if (!form.isConnected) touched.delete(form);
  }
  return touched.size > 0;
}

/** Forgets all changes, after the user chose to discard them. */
export function discardChanges(): void {
  touched.clear();
}

class Guard {
  /** The navigation waiting for the user's answer, if any. */
  pending = $state<(() => void) | null>(null);
  /** Called when the user chooses to stay (a window close waits for it). */
  onstay: (() => void) | null = null;

  /** Runs `go` now, or after the user agreed to discard unsaved changes. */
  navigate = (go: () => void): void => {
    if (hasUnsavedChanges()) {
      this.onstay?.();
      this.onstay = null;
      this.pending = go;
    } else go();
  };

  discard = (): void => {
    const go = this.pending;
    this.pending = null;
    this.onstay = null;
    discardChanges();
    go?.();
  };

  stay = (): void => {
    this.pending = null;
    this.onstay?.();
    this.onstay = null;
  };
}

export const guard = new Guard();
