// Reads the curl examples of a Markdown page as the request each one sends, so a test can send it
// without curl (which a machine may lack): the shell's quoting and variables, and the few curl options
// the examples use, with curl's defaults for the method and a body's type when they leave them unsaid.

/** One ```sh block holding a curl command, with the status the text right after it gives. */
export interface CurlExample {
  /** The line of the page the command starts on. */
  line: number;
  /** The command as written, over its continuation lines. */
  command: string;
  /** From "Answers `200`" on the first line after the block; undefined when that line says none. */
  status: number | undefined;
  /** The shell variables the command reads, in order of first use. */
  variables: string[];
}

/** What a command sends: what `fetch` or `app.request` takes. */
export interface CurlRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * The curl examples of `page`: each ```sh block whose first word is `curl`, with its status.
 *
 * @example
 * curlExamples("```sh\ncurl \"$API/health\"\n```\n\nAnswers `200`: …")
 * // [{ line: 2, command: 'curl "$API/health"', status: 200, variables: ["API"] }]
 */
export function curlExamples(page: string): CurlExample[] {
  return [...page.matchAll(/^```sh\n(curl\b[\s\S]*?)^```\n+(.*)/gm)].map((match) => {
    const [, block = "", after = ""] = match;
    const command = block.trimEnd();
    return {
      line: page.slice(0, match.index).split("\n").length + 1,
      command,
      status: Number(after.match(/^Answers `(\d{3})`/)?.[1]) || undefined,
      variables: variablesRead(command),
    };
  });
}

/** The shell variables `command` reads, in order of first use. */
function variablesRead(command: string): string[] {
  const read = new Set<string>();
  const recorder = new Proxy({} as Record<string, string>, {
    get: (_, name) => {
      read.add(String(name));
      return "";
    },
  });
  shellWords(command, recorder);
  return [...read];
}

/** `$NAME` or `${NAME}` at the start of `text`: its length and the name. */
function variableAt(text: string): [length: number, name: string] | undefined {
  const match = text.match(/^\$(?:\{(\w+)\}|(\w+))/);
  return match ? [match[0].length, match[1] ?? match[2] ?? ""] : undefined;
}

/**
 * The words of one shell command as the shell splits them: single quotes keep everything, double quotes
 * and bare words expand `$NAME` from `variables`, a backslash before a line break joins the lines, `#`
 * starting a word starts a comment. Anything that would make it more than one command (a pipe, `;`,
 * `&&`, a redirection, a command substitution, a second line) is refused, as is a variable `variables`
 * lacks.
 */
export function shellWords(command: string, variables: Record<string, string>): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const refuse = (what: string): never => {
    throw new Error(`${what} in the example: ${command}`);
  };
  /** Appends the variable at `i`, or refuses a `$` that starts none. */
  const expand = () => {
    const [length, name] = variableAt(command.slice(i)) ?? refuse("a $ that is no variable");
    const value = variables[name] ?? refuse(`$${name}, which is not set,`);
    word = (word ?? "") + value;
    i += length;
  };
  while (i < command.length) {
    const char = command[i] as string;
    if (char === "\\" && command[i + 1] === "\n") i += 2;
    else if (char === "\\") {
      word = (word ?? "") + (command[i + 1] ?? "");
      i += 2;
    } else if (char === "\n") {
      if (command.slice(i).trim() !== "") refuse("a second line, no command of its own,");
      i++;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (char === "#" && word === undefined) {
      const end = command.indexOf("\n", i);
      i = end < 0 ? command.length : end;
    } else if (char === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) refuse("an unclosed '");
      word = (word ?? "") + command.slice(i + 1, end);
      i = end + 1;
    } else if (char === '"') {
      word ??= "";
      for (i++; command[i] !== '"'; ) {
        if (i >= command.length) refuse('an unclosed "');
        const inner = command[i] as string;
        if (inner === "$") expand();
        else if (inner === "\\" && command[i + 1] === "\n") i += 2;
        else if (inner === "\\" && /["\\$`]/.test(command[i + 1] ?? "")) {
          word += command[i + 1];
          i += 2;
        } else if (inner === "`") refuse("a command substitution");
        else {
          word += inner;
          i++;
        }
      }
      i++;
    } else if (char === "$") expand();
    else if (/[|;&<>`()]/.test(char)) refuse(`a ${char}`);
    else {
      word = (word ?? "") + char;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Options that change only what curl prints, not what it sends. */
const OUTPUT_ONLY = new Set(["-s", "--silent", "-S", "--show-error", "-sS", "-i", "--include"]);

/**
 * The request a curl command sends, as curl builds it: GET, or POST with a body; a body without a
 * Content-Type header is sent as `application/x-www-form-urlencoded`, curl's default for `-d`.
 * An option this reader does not know is refused rather than passed over.
 *
 * @example
 * curlRequest(`curl "$API/keys/me" -H "X-API-Key: $KEY"`, { API: "http://127.0.0.1:3000", KEY: "k" })
 * // { method: "GET", url: "http://127.0.0.1:3000/keys/me", headers: { "X-API-Key": "k" } }
 */
export function curlRequest(command: string, variables: Record<string, string>): CurlRequest {
  const [program, ...words] = shellWords(command, variables);
  if (program !== "curl") throw new Error(`not a curl command: ${command}`);
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let url: string | undefined;
  let body: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const value = () => {
      const next = words[++i];
      if (next === undefined) throw new Error(`${word} without its value: ${command}`);
      return next;
    };
    if (word === "-H" || word === "--header") {
      const [, name = "", text = ""] = value().match(/^([^:]+):\s*(.*)$/) ?? [];
      if (!name) throw new Error(`a header without a name: ${command}`);
      headers[name] = text;
    } else if (["-d", "--data", "--data-raw", "--data-binary"].includes(word)) {
      if (body !== undefined) throw new Error(`more than one body: ${command}`);
      body = value();
      if (word !== "--data-raw" && body.startsWith("@"))
        throw new Error(`a body read from a file: ${command}`);
    } else if (word === "-X" || word === "--request") method = value();
    else if (OUTPUT_ONLY.has(word)) continue;
    else if (word.startsWith("-"))
      throw new Error(`an option this reader does not know, ${word}: ${command}`);
    else if (url === undefined) url = word;
    else throw new Error(`a second URL, ${word}: ${command}`);
  }
  if (url === undefined) throw new Error(`no URL: ${command}`);
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  if (body !== undefined && !typed) headers["Content-Type"] = "application/x-www-form-urlencoded";
  return {
    method: method ?? (body === undefined ? "GET" : "POST"),
    url,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}
