// What a piece of work prints on stdout and stderr, held back from the test's own output.

import { vi } from "vitest";

/**
 * Runs `work` with stdout and stderr captured, and returns what each received.
 *
 * @example
 * const { stderr } = await printedDuring(() => handler(event, context));
 */
export async function printedDuring(work: () => unknown): Promise<{ stdout: string; stderr: string }> {
  const printed = { stdout: "", stderr: "" };
  const capture = (stream: "stdout" | "stderr") =>
    vi.spyOn(process[stream], "write").mockImplementation((chunk) => {
      printed[stream] += String(chunk);
      return true;
    });
  const writes = [capture("stdout"), capture("stderr")];
  try {
    await work();
  } finally {
    for (const write of writes) write.mockRestore();
  }
  return printed;
}
