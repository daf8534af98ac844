// Makes sure SST's platform (.sst/platform: config.d.ts, component sources, Pulumi SDKs) exists, installing
// it offline with `sst install` when missing; the type-check and the synth both need it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Environment that keeps the SST CLI from downloading Pulumi/bun or phoning home (docs/deploy.md, "The offline synth"). */
export const OFFLINE_SST_ENV = {
  SST_SKIP_DEPENDENCY_CHECK: "true",
  SST_NO_BUN: "1",
  SST_TELEMETRY_DISABLED: "1",
};

/**
 * Installs the platform into `<root>/.sst/platform` unless it is already there.
 * @param {string} root the repository root
 * @returns {boolean} true when it had to install
 */
export function ensureSstPlatform(root = process.cwd()) {
  const platform = join(root, ".sst", "platform");
  if (
    existsSync(join(platform, "config.d.ts")) &&
    existsSync(join(platform, "node_modules", "@pulumi", "aws"))
  ) {
    return false;
  }
  process.stdout.write("installing the SST platform offline (sst install, about 35 s)\n");
  execFileSync("npx", ["sst", "install", "--stage", "ci"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...OFFLINE_SST_ENV, XDG_CONFIG_HOME: join(root, ".sst-home") },
  });
  return true;
}
