// What a message escapes of the text it quotes: every character a reader would not see as itself.

import { describe, expect, it } from "vitest";
import { cutQuoted, needsEscaping, quotedCell, quotedText, quotedValue } from "./errors";

/** Characters that show nothing where they stand, or break a line only some readers break. */
const UNSEEN = [
  "\u00ad", // soft hyphen
  "\u061c", // Arabic letter mark
  "\u180e", // Mongolian vowel separator
  "\u200b", // zero-width space
  "\u200c", // zero-width non-joiner
  "\u200d", // zero-width joiner
  "\u200e", // left-to-right mark
  "\u200f", // right-to-left mark
  "\u2028", // line separator
  "\u2029", // paragraph separator
  "\u2060", // word joiner
  "\u2064", // invisible plus
  "\u206f", // nominal digit shapes
  "\ufeff", // zero-width no-break space (a byte order mark inside text)
  "\ufff9", // interlinear annotation anchor
];

/** `text`'s code units as \uXXXX escapes. */
const escapes = (text: string) =>
  [...text]
    .flatMap((c) => [c.charCodeAt(0), c.charCodeAt(1)].filter((u) => !Number.isNaN(u)))
    .map(hex)
    .join("");
const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, "0")}`;

describe("a quoted text", () => {
  it("escapes a character that shows nothing, so two cells that read alike are told apart", () => {
    for (const unseen of UNSEEN) {
      expect(needsEscaping(`AA${unseen}PL`)).toBe(true);
      expect(quotedText(`AA${unseen}PL`)).toBe(`"AA${escapes(unseen)}PL"`);
      expect(quotedCell(`5${unseen}`)).toBe(`"5${escapes(unseen)}"`);
    }
  });

  it("escapes a character Unicode lets show nothing that is not a format character: a mark, a filler, a selector", () => {
    // Default_Ignorable_Code_Point outside Cf: "AA\u034fPL" read AAPL in a message saying it is no symbol.
    const ignorable = [
      "\u034f", // combining grapheme joiner (Mn)
      "\u115f", // Hangul choseong filler (Lo)
      "\u17b4", // Khmer vowel inherent AQ (Mn)
      "\u180b", // Mongolian free variation selector one (Mn)
      "\u3164", // Hangul filler (Lo)
      "\ufe0f", // variation selector-16 (Mn)
      "\uffa0", // halfwidth Hangul filler (Lo)
      "\ufff0", // unassigned, kept ignorable for what Unicode puts there (Cn)
      "\u{e0100}", // variation selector-17, outside the BMP (Mn)
    ];
    for (const unseen of ignorable) {
      expect(needsEscaping(`AA${unseen}PL`), escapes(unseen)).toBe(true);
      expect(quotedText(`AA${unseen}PL`)).toBe(`"AA${escapes(unseen)}PL"`);
    }
  });

  it("escapes a tag character (U+E0041, outside the BMP) as JSON writes it: both halves", () => {
    expect(quotedText("SPY\u{e0041}")).toBe('"SPY\\udb40\\udc41"');
  });

  it("escapes a space other than U+0020, which reads as one: a cell may be padded with U+0020, not with these", () => {
    for (const space of ["\u00a0", "\u1680", "\u2000", "\u2007", "\u200a", "\u202f", "\u205f", "\u3000"]) {
      expect(needsEscaping(`5${space}`)).toBe(true);
      expect(quotedCell(`5${space}`)).toBe(`"5${escapes(space)}"`);
    }
  });

  it("leaves letters of any script, the space, tabs as JSON writes them and visible signs as they are", () => {
    for (const text of ["שלום", "سهم", "日経平均", "Nestlé", "a b", "€ 1,5 %", "📈"]) {
      expect(needsEscaping(text)).toBe(false);
      expect(quotedText(text)).toBe(JSON.stringify(text));
    }
  });

  it("still escapes control characters and bidirectional overrides", () => {
    expect(quotedText("a\n\u001b[2K\u009b\u007f")).toBe('"a\\n\\u001b[2K\\u009b\\u007f"');
    expect(quotedText("1\u202e05\u2066")).toBe('"1\\u202e05\\u2066"');
  });
});

describe("a cut quoted text", () => {
  it("ends on a whole character or escape, with ... after, and is left whole when short enough", () => {
    const quoted = quotedText('ab\u200b📈\u{e0041}"c');
    expect(quoted).toBe('"ab\\u200b📈\\udb40\\udc41\\"c"');
    expect([3, 4, 8, 9, 10, 11, 12, 22, 23, 25, 27].map((most) => cutQuoted(quoted, most))).toEqual([
      '"ab...',
      '"ab...',
      '"ab...',
      '"ab\\u200b...',
      '"ab\\u200b...',
      '"ab\\u200b📈...',
      '"ab\\u200b📈...',
      '"ab\\u200b📈...',
      '"ab\\u200b📈\\udb40\\udc41...',
      '"ab\\u200b📈\\udb40\\udc41\\"...',
      quoted,
    ]);
  });
});

describe("a quoted cell or value cut after 40 characters", () => {
  it("keeps a character outside the BMP whole and a JSON escape whole", () => {
    // Cut at 40 code units before: the cell's 📈 at units 39-40 quoted as its high half "\ud83d", the
    // value's escaped quote at 39-40 left as a lone backslash.
    expect(quotedCell(`${"9".repeat(39)}📈`)).toBe(`"${"9".repeat(39)}"...`);
    expect(quotedCell(`${"9".repeat(38)}📈`)).toBe(`"${"9".repeat(38)}📈"`);
    expect(quotedValue([`${"a".repeat(37)}"b`])).toBe(`["${"a".repeat(37)}...`);
    expect(quotedValue([`${"a".repeat(37)}📈`])).toBe(`["${"a".repeat(37)}...`);
    expect(quotedValue([`${"a".repeat(35)}\u200b`])).toBe(`["${"a".repeat(35)}\\u200b"]`);
  });
});
