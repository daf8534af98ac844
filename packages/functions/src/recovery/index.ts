// The recovery face (#recovery): the sweep that finishes what a crash left half-done.

export { type SweepResult, type SweepScope, sweepStranded } from "./sweep";
