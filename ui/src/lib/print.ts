// Printing one fragment of HTML alone with the system's print dialog.
//
// The print preview sits in an overlay whose fixed position, scrolling and
// scaling would cut the printout to one page, and the app around it would
// print as empty pages. So a copy of the fragment goes to the end of <body>
// for the print, where it flows like a document of its own; the print CSS
// in app.css hides every other child of <body> while such a copy exists.

const COPY = "print-copy";

/** Prints `html` (trusted markup, such as the itinerary Rust escaped) and nothing else. */
export function printAlone(html: string): void {
  removePrintCopy();
  const copy = document.createElement("div");
  copy.className = COPY;
  copy.innerHTML = html;
  document.body.append(copy);
  // Webviews differ in whether print() returns before or after the dialog
  // closes, so the copy stays until the webview says printing is done.
  window.addEventListener("afterprint", () => copy.remove(), { once: true });
  window.print();
}

/** Removes a copy left behind (a print dialog that never said it was done). */
export function removePrintCopy(): void {
  for (const el of document.querySelectorAll(`body > .${COPY}`)) el.remove();
}
