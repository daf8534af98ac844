// Beside the decision: what happened the times this pattern showed up on this series up to the alert's
// detection, its own included (PATTERNS.md "Evidence"), and whether that amounts to an edge; which evidence it
// is: the whole one's medians and KS test shown, the running one's lack of them said.
import type { AlertDetail } from "../alerts/alertDetail";
import { formatBarTime } from "../ui/format";
import { EvidenceSummary } from "./EvidenceSummary";
import { distributionWords, evidenceKindWords, wholeHorizon } from "./evidenceWords";
import { OutcomeBars } from "./OutcomeBars";

/** The evidence card of an alert, or why there is none. */
export function EvidenceCard({ detail }: { detail: AlertDetail }) {
  const { alert, detection } = detail;
  const evidence = alert.evidence;
  const kind = evidence && evidenceKindWords(evidence);
  const whole = evidence && wholeHorizon(evidence);
  return (
    <section className="evidence-card" aria-labelledby="evidence-heading" data-testid="evidence-card">
      <h2 id="evidence-heading">Evidence</h2>
      {evidence && kind ? (
        <>
          <p className="hint">
            Detections on {alert.symbol} ({alert.interval}) up to{" "}
            {formatBarTime(detection?.detectedAt ?? alert.barTime, alert.interval)}, this one included (still
            open): what was known when the alert was raised.
          </p>
          <p className="hint" data-evidence="kind" data-kind={kind.kind}>
            {kind.words}
          </p>
          <EvidenceSummary evidence={evidence} where={`on ${alert.symbol}`} />
          {whole && <p data-evidence="distribution">{distributionWords(whole)}</p>}
          <OutcomeBars evidence={evidence} />
        </>
      ) : (
        <p className="hint" data-testid="no-evidence">
          No evidence came with this alert.
        </p>
      )}
    </section>
  );
}
