// Applies the strict time rule to a file's rows: each time readable, every row in the same style.

import { BarsError, quotedCell, timeStyle as ruleTimeStyle } from "@stock-patterns/core";
import { shown } from "../shown";
import { dateFormatHint } from "./date-format-hint";
import { type DateFormat, type TimeStyle, timeStyle } from "./time";

/**
 * A time --date-format's layout does not read: a reader whose file has a second time column (or key),
 * passed over, says so with it (time-of-day.ts).
 */
export class NotInLayout extends BarsError {}

/** How a file writes its times: one of the rule's two styles, or the layout --date-format names. */
type WrittenStyle = TimeStyle | "layout";

/** Checks (and, with a date format, rewrites to ISO 8601) one file's times, row by row. */
export class TimeReader {
  private style: WrittenStyle | undefined;

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
        throw new NotInLayout(
          `time ${quotedCell(text)} does not match --date-format ${shown(this.format.pattern)}`,
          row,
        );
      this.keep("layout", text, row);
      return iso;
    }
    const style = timeStyle(text);
    // A refused time's words name the --date-format that reads it, when its shape tells (worked out only then).
    if (style !== "iso" && style !== "epoch") throw new BarsError(timeStyle(text, dateFormatHint(text)), row);
    this.keep(style, text, row);
    return text;
  }

  /**
   * The time to keep for a JSON bar's `time` on `row`: a string as `read` reads a cell; a number, which no
   * layout writes, by the rule alone, with --date-format or without (epoch seconds or milliseconds).
   *
   * @example
   * new TimeReader(dateFormat("DD/MM/YYYY")).readJson("31/01/2020", 1) // "2020-01-31"
   * new TimeReader(dateFormat("DD/MM/YYYY")).readJson(1600000000, 1) // "1600000000"
   */
  readJson(time: string | number, row: number): string {
    if (typeof time === "string" || this.format === undefined) return this.read(String(time), row);
    const text = String(time);
    const style = ruleTimeStyle(text);
    if (style !== "iso" && style !== "epoch") {
      // A number the rule refuses whose digits the layout reads (20200102, YYYYMMDD): written as a string.
      const { pattern } = this.format;
      const asString =
        this.format.toIso(text) === undefined
          ? ""
          : ` (--date-format ${shown(pattern)} reads it written as a string, ${quotedCell(text)})`;
      throw new BarsError(`${style}${asString}`, row);
    }
    this.keep(style, text, row);
    return text;
  }

  /** Takes `style` as the file's (its first row's), or throws naming `row` when the rows before have another. */
  private keep(style: WrittenStyle, text: string, row: number): void {
    this.style ??= style;
    if (style === this.style) return;
    const named =
      style === "iso"
        ? "ISO 8601"
        : style === "epoch"
          ? "an epoch number"
          : `in the layout of --date-format ${shown(this.format?.pattern ?? "")}`;
    throw new BarsError(`time ${quotedCell(text)} is ${named} but the rows before are not`, row);
  }
}
