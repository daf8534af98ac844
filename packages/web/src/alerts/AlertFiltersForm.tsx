// The history's filters: status, severity and symbol, applied together with one button.
import { type FormEvent, useId, useState } from "react";
import { ALERT_STATUSES, type AlertStatus, SEVERITIES, type Severity } from "../api/types";
import type { AlertFilters } from "../app/routes";

/** A labelled form; `onApply` gets the chosen filters (empty values left out). */
export function AlertFiltersForm({
  filters,
  onApply,
}: {
  filters: AlertFilters;
  onApply: (filters: AlertFilters) => void;
}) {
  const [status, setStatus] = useState<string>(filters.status ?? "");
  const [severity, setSeverity] = useState<string>(filters.severity ?? "");
  const [symbol, setSymbol] = useState(filters.symbol ?? "");
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      status: (status || undefined) as AlertStatus | undefined,
      severity: (severity || undefined) as Severity | undefined,
      symbol: symbol.trim().toUpperCase() || undefined,
    });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter alerts">
      <div>
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any</option>
          {ALERT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-severity`}>Severity</label>
        <select
          id={`${id}-severity`}
          name="severity"
          value={severity}
          onChange={(e) => setSeverity(e.target.value)}
        >
          <option value="">Any</option>
          {SEVERITIES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-symbol`}>Symbol</label>
        <input
          id={`${id}-symbol`}
          name="symbol"
          value={symbol}
          autoComplete="off"
          spellCheck={false}
          placeholder="e.g. SPX"
          onChange={(e) => setSymbol(e.target.value)}
        />
      </div>
      <button type="submit">Apply filters</button>
    </form>
  );
}
