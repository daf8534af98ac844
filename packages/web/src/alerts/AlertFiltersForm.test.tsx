// The history filters: every control labelled, current choices shown.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { labelledControls } from "../testing/labelledControls";
import { AlertFiltersForm } from "./AlertFiltersForm";

describe("history filters", () => {
  it("label every filter and show the current choice", () => {
    const html = renderToStaticMarkup(
      <AlertFiltersForm filters={{ status: "APPROVED", symbol: "SPX" }} onApply={() => {}} />,
    );
    expect(labelledControls(html)).toEqual(["Status", "Severity", "Symbol"]);
    expect(html).toContain('<option value="APPROVED" selected="">APPROVED</option>');
    expect(html).toContain('value="SPX"');
  });
});
