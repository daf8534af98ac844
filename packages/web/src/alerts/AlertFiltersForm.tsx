// The history's filters: status, severity and symbol, applied together with one button.
import { type FormEvent, useId, useState } from "react";
import { ALERT_STATUSES, type AlertStatus, SEVERITIES, type Severity } from "../api/types";
import { type AlertFilters, typedSymbol } from "../app/routes";
import { ChoiceField } from "../ui/ChoiceField";
import { TextField } from "../ui/TextField";

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
      symbol: typedSymbol(symbol),
    });
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter alerts">
      <ChoiceField
        id={`${id}-status`}
        name="status"
        label="Status"
        choices={ALERT_STATUSES}
        value={status}
        onChange={setStatus}
      />
      <ChoiceField
        id={`${id}-severity`}
        name="severity"
        label="Severity"
        choices={SEVERITIES}
        value={severity}
        onChange={setSeverity}
      />
      <TextField
        id={`${id}-symbol`}
        name="symbol"
        label="Symbol"
        value={symbol}
        placeholder="e.g. SPX"
        onChange={setSymbol}
      />
      <button type="submit">Apply filters</button>
    </form>
  );
}
