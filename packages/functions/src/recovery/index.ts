// The recovery face (#recovery): the sweep that finishes what a crash left half-done.

export { type SweepResult, sweepStranded } from "./sweep";
