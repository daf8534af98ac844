// The evidence of one code in three plain sentences: success rate, 10-bar return, edge or no edge.
import type { EvidenceFigures } from "../api/types";
import { edgeVerdict, returnWords, successWords } from "./evidenceWords";

/**
 * `where` names whose history it is: "on SPX", "on all symbols"; `symbols` how many it pools (the edge
 * verdict's interval is too narrow over more than one).
 */
export function EvidenceSummary(props: { evidence: EvidenceFigures; where: string; symbols?: number }) {
  const { evidence, where } = props;
  const verdict = edgeVerdict(evidence, props.symbols);
  return (
    <div className="evidence-summary">
      <p data-evidence="success">{successWords(evidence, where)}</p>
      <p data-evidence="returns">{returnWords(evidence)}</p>
      <p
        data-evidence="edge"
        data-edge={verdict.kind}
        className={`edge edge-${verdict.kind === "edge" ? "yes" : "no"}`}
      >
        {verdict.words}
      </p>
    </div>
  );
}
