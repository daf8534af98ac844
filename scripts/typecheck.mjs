// Type-checks every TypeScript project in the repository: each tsconfig.json under packages/ and infra/.
// infra/ (with sst.config.ts) is checked against SST's generated platform, installed offline if missing.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ensureSstPlatform } from "./sst-platform.mjs";

const projects = [...readdirSync("packages").map((name) => join("packages", name)), "infra"].filter((dir) =>
  existsSync(join(dir, "tsconfig.json")),
);

for (const dir of projects) {
  if (dir === "infra") ensureSstPlatform();
  process.stdout.write(`typecheck ${dir}\n`);
  try {
    execFileSync("npx", ["tsc", "--noEmit", "-p", dir], { stdio: "inherit" });
  } catch {
    process.exit(1);
  }
}
