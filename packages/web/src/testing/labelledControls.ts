// Test helper: the label texts in rendered markup whose `for` points at an element that exists.

/** Every control must be reachable by its name; this lists the names that really label something. */
export function labelledControls(html: string): string[] {
  const labels = [...html.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)];
  return labels.flatMap(([, id, text]) => (text !== undefined && html.includes(`id="${id}"`) ? [text] : []));
}
