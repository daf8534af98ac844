// `npx sst shell --stage NAME -- npm run repair:duplicate-detections -- [--apply]` (or `-- --local PATH` for
// the outputs.json of the system `npm start` runs): finds the detections stored twice by releases from 04e93d9 until 73059a9
// and, with --apply, deletes each pair's duplicate (docs/deploy.md, "Over what an earlier release stored").
import { repairFailure, repairOptions } from "./repair-options";

const values = repairOptions(["TradingPatterns", "Alerts", "SymbolWindows"]);

// Imported after the links are set: "sst" reads them when first imported.
const { repairDuplicateDetections } = await import("../../packages/functions/src/analysis/repair-duplicates");

const verb = values.apply ? "deleted" : "would delete";
try {
  const summary = await repairDuplicateDetections({
    apply: values.apply,
    onProgress: (scanned) => process.stderr.write(`scanned ${scanned} detections\n`),
    onPair: ({ kept, duplicate }, repair) => {
      const what = `${kept.symbol} ${kept.interval} ${kept.pattern} ${kept.detectedAt}: ${duplicate.patternId}`;
      const line =
        repair.status === "skipped"
          ? `skipped ${what} (${repair.reason}${repair.detail ? `: ${repair.detail}` : ""})`
          : `${verb} ${what}, kept ${kept.patternId}${repair.movedOutcome ? ", its newer outcome moved" : ""}${
              repair.repointedAlerts > 0 ? `, ${repair.repointedAlerts} alert(s) pointed at it` : ""
            }${repair.refollowedWindow ? `, ${kept.symbol} ${kept.interval}'s stream window follows it` : ""}`;
      process.stdout.write(`${line}\n`);
    },
  });
  const skipped = Object.entries(summary.skipped).map(([reason, n]) => `${n} ${reason}`);
  process.stdout.write(
    `${values.apply ? "" : "dry run (--apply to repair): "}${summary.scanned} scanned, ${summary.pairs} pairs, ` +
      `${summary.movedOutcomes} outcomes ${values.apply ? "moved" : "to move"}, ` +
      `${summary.repointedAlerts} alerts ${values.apply ? "pointed" : "to point"} at the kept item, ` +
      `${summary.refollowedWindows} windows ${values.apply ? "made" : "to make"} to follow it, ` +
      `${values.apply ? summary.deleted : summary.planned} ${verb}, skipped: ${skipped.join(", ") || "none"}\n`,
  );
} catch (error) {
  process.stderr.write(`${repairFailure(error, values)}\n`);
  process.exit(1);
}
