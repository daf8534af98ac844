// The recovery face (#recovery): the sweep that finishes what a crash left half-done.

export { noneSwept, type SweepResult, type SweepScope, sweepStranded } from "./sweep";
