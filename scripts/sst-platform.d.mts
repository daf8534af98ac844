// Types of sst-platform.mjs for the TypeScript callers (the synth).

/** Environment that keeps the SST CLI offline. */
export declare const OFFLINE_SST_ENV: Record<string, string>;
/** Installs .sst/platform offline unless present; true when it installed. */
export declare function ensureSstPlatform(root?: string): boolean;
