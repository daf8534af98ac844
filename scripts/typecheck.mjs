// Type-checks every TypeScript project in the repository: each tsconfig.json under packages/ and infra/.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const projects = [
  ...readdirSync("packages").map((name) => join("packages", name)),
  "infra",
].filter((dir) => existsSync(join(dir, "tsconfig.json")));

for (const dir of projects) {
  process.stdout.write(`typecheck ${dir}\n`);
  try {
    execFileSync("npx", ["tsc", "--noEmit", "-p", dir], { stdio: "inherit" });
  } catch {
    process.exit(1);
  }
}
