// `npx sst shell --stage NAME -- npm run repair:closed-approvals -- [--apply]` (or `-- --local PATH` for the
// outputs.json of the system `npm start` runs): finds the approvals releases before a11e279 closed, whose TTL
// value is still their decision deadline, and, with --apply, keeps each 400 days from its close
// (docs/deploy.md, "Over what an earlier release stored").
import { repairFailure, repairOptions } from "./repair-options";

const values = repairOptions(["ApprovalTracking"]);

// Imported after the links are set: "sst" reads them when first imported.
const { keepClosedApprovals } = await import("../../packages/functions/src/approvals/repair-retention");

const verb = values.apply ? "kept" : "would keep";
try {
  const summary = await keepClosedApprovals({
    apply: values.apply,
    onProgress: (scanned) => process.stderr.write(`scanned ${scanned} approvals\n`),
    onApproval: (approval, keptUntil, kept) => {
      const what = `${approval.tokenHash} ${approval.status}`;
      const until = new Date(keptUntil * 1000).toISOString();
      const line =
        values.apply && !kept ? `gone ${what} (deleted or kept meanwhile)` : `${verb} ${what} until ${until}`;
      process.stdout.write(`${line}\n`);
    },
  });
  process.stdout.write(
    `${values.apply ? "" : "dry run (--apply to repair): "}${summary.scanned} scanned, ${summary.found} closed ` +
      `with their deadline as TTL value, ${values.apply ? `${summary.kept} kept, ${summary.gone} gone` : "none written"}\n`,
  );
} catch (error) {
  process.stderr.write(`${repairFailure(error, values)}\n`);
  process.exit(1);
}
