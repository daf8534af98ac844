// The sentence for an alert the API answers 404 for, rendered with React's server renderer.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AlertNotKept } from "./AlertNotKept";

/** The sentence's text, without its markup. */
const words = (html: string) => html.replace(/<[^>]+>/g, "");

describe("the sentence for an alert the API has no longer", () => {
  it("offers both reasons for an id never shown: past its retention, or never an alert", () => {
    const text = words(renderToStaticMarkup(<AlertNotKept alertId="alr_1" />));
    expect(text).toMatch(/^The API has no alert alr_1\. .*retention.*or this id never named an alert\./);
  });

  it("gives only the retention for an alert the page showed until a refresh answered 404", () => {
    const text = words(renderToStaticMarkup(<AlertNotKept alertId="alr_1" wasShown />));
    expect(text).toMatch(/^The API no longer has alert alr_1, shown here until now\. .*retention/);
    expect(text).not.toMatch(/never named/);
  });
});
