// A labelled select for the console's forms: "any" first, then each choice in words.

/** `anyLabel` names the empty choice ("Any"); `describe` words a choice (the value itself by default). */
export function ChoiceField(props: {
  id: string;
  name: string;
  label: string;
  choices: readonly string[];
  value: string;
  anyLabel?: string;
  describe?: (choice: string) => string;
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{props.anyLabel ?? "Any"}</option>
        {props.choices.map((value) => (
          <option key={value} value={value}>
            {props.describe ? props.describe(value) : value}
          </option>
        ))}
      </select>
    </div>
  );
}
