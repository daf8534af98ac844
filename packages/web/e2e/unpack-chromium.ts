// The web project's global setup: unpacks @sparticuz/chromium's browser into the temp directory once,
// before any test file starts. Each file's launchBrowser asks the package for its executable, and the
// package unpacks it when /tmp/chromium does not exist, which it does as soon as one process has begun
// writing it: files starting together on a machine that had never unpacked it spawned a half-written
// binary (spawn ETXTBSY, four e2e files at once on 7 Dec 2026).
import chromium from "@sparticuz/chromium";

export default async function unpackChromium(): Promise<void> {
  await chromium.executablePath();
}
