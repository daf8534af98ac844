// The evidence of one code in three plain sentences: success rate, 10-bar return, edge or no edge.
import type { EvidenceFigures } from "../api/types";
import { edgeVerdict, returnWords, successWords } from "./evidenceWords";

/** `where` names whose history it is: "on SPX", "on all symbols". */
export function EvidenceSummary({ evidence, where }: { evidence: EvidenceFigures; where: string }) {
  const verdict = edgeVerdict(evidence);
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
