// A count and its noun in the sentences the CLI, the local system and the console print, so that one of a
// thing is never "1 bars" and the rule for the plural is written once.

/**
 * The count with its noun, plural (an added "s") unless the count is 1.
 *
 * @example
 * counted(1, "bar") // "1 bar"
 * counted(0, "detection") // "0 detections"
 */
export function counted(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
