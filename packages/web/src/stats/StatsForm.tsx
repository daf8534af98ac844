// The Statistics page's question: symbol (or all), interval, one code or all, and as of when.
import { PATTERN_CODES, PATTERN_NAMES } from "@stock-patterns/core/vocabulary";
import { type FormEvent, useId, useState } from "react";
import type { PatternCode } from "../api/types";
import { type StatsQuery, typedSymbol } from "../app/routes";
import { ChoiceField } from "../ui/ChoiceField";
import { TextField } from "../ui/TextField";

/** A labelled form; `onAsk` gets the question with empty values left out. */
export function StatsForm({ query, onAsk }: { query: StatsQuery; onAsk: (query: StatsQuery) => void }) {
  const [symbol, setSymbol] = useState(query.symbol ?? "");
  const [barInterval, setBarInterval] = useState(query.interval);
  const [pattern, setPattern] = useState<string>(query.pattern ?? "");
  const [asOf, setAsOf] = useState(query.asOf ?? "");
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAsk({
      symbol: typedSymbol(symbol),
      interval: barInterval.trim() || query.interval,
      pattern: (pattern || undefined) as PatternCode | undefined,
      asOf: asOf.trim() || undefined,
    });
  };
  return (
    <form className="filters stats-form" onSubmit={submit} aria-label="Which statistics">
      <TextField
        id={`${id}-symbol`}
        name="symbol"
        label="Symbol"
        value={symbol}
        placeholder="all symbols"
        onChange={setSymbol}
      />
      <TextField
        id={`${id}-interval`}
        name="interval"
        label="Interval"
        value={barInterval}
        onChange={setBarInterval}
      />
      <ChoiceField
        id={`${id}-pattern`}
        name="pattern"
        label="Pattern"
        choices={PATTERN_CODES}
        value={pattern}
        anyLabel="Every pattern"
        describe={(code) => `${PATTERN_NAMES[code as PatternCode]} (${code})`}
        onChange={setPattern}
      />
      <TextField
        id={`${id}-asof`}
        name="asOf"
        label="As of"
        value={asOf}
        placeholder="now, or e.g. 2010-01-01"
        hint="Across all symbols: each series as of its newest snapshot by then."
        onChange={setAsOf}
      />
      <button type="submit">Show statistics</button>
    </form>
  );
}
