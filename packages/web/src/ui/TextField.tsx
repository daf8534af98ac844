// A labelled text input for the console's forms (symbols, intervals, times: no autocomplete, no spelling).

/** `hint`, when given, is shown under the field and read with it. */
export function TextField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
  onChange: (value: string) => void;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        value={props.value}
        autoComplete="off"
        spellCheck={false}
        placeholder={props.placeholder}
        aria-describedby={hintId}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && (
        <span className="hint" id={hintId}>
          {props.hint}
        </span>
      )}
    </div>
  );
}
