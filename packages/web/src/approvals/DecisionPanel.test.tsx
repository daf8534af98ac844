// The decision panel's first step: a labelled comment and the two choices.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { labelledControls } from "../testing/labelledControls";
import { DecisionPanel } from "./DecisionPanel";

describe("decision panel", () => {
  it("starts with a labelled comment and the two choices, nothing sent yet", () => {
    const html = renderToStaticMarkup(
      <DecisionPanel subject="the HS alert on SPX" submit={async () => undefined} />,
    );
    expect(labelledControls(html)).toEqual(["Comment (optional)"]);
    expect(html).toContain(">Approve…</button>");
    expect(html).toContain(">Reject…</button>");
  });
});
