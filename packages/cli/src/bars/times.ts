// Applies the strict time rule to a file's rows: each time readable, every row in the same style.

import { BarsError, quotedCell } from "@stock-patterns/core";
import { shown } from "../shown";
import { dateFormatHint } from "./date-format-hint";
import { type DateFormat, type TimeStyle, timeStyle } from "./time";

/** Checks (and, with a date format, rewrites to ISO 8601) one file's times, row by row. */
export class TimeReader {
  private style: TimeStyle | undefined;

  constructor(private readonly format: DateFormat | undefined) {}

  /**
   * The time to keep for `text` on `row`; throws BarsError naming the row when it is not a strict time.
   *
   * @example
   * new TimeReader(undefined).read("2020-01-02", 2) // "2020-01-02"
   */
  read(text: string, row: number): string {
    if (this.format) {
      const iso = this.format.toIso(text);
      if (iso === undefined)
        throw new BarsError(
          `time ${quotedCell(text)} does not match --date-format ${shown(this.format.pattern)}`,
          row,
        );
      return iso;
    }
    const style = timeStyle(text);
    // A refused time's words name the --date-format that reads it, when its shape tells (worked out only then).
    if (style !== "iso" && style !== "epoch") throw new BarsError(timeStyle(text, dateFormatHint(text)), row);
    this.style ??= style;
    if (style !== this.style) {
      throw new BarsError(
        `time ${quotedCell(text)} is ${style === "iso" ? "ISO 8601" : "an epoch number"} but the rows before are not`,
        row,
      );
    }
    return text;
  }
}
