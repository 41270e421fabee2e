// One definition per command (name, summary, positional arguments, options) from which both node:util
// parseArgs's configuration and the `--help` text are generated, so that the two cannot drift apart.
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** What parseArgs gives when the option is absent (shown in the help for a string option). */
  readonly default?: string | boolean;
  /** The default as shown in the help when the library applies it, not parseArgs (e.g. "the CPU cores"). */
  readonly shownDefault?: string | number;
  /** Name of the value in the help: `--out DIR` (string options; the choices joined by | when not given). */
  readonly value?: string;
  /** The only values allowed, checked after parsing. */
  readonly choices?: readonly string[];
  readonly description: string;
}

export interface PositionalSpec {
  readonly name: string;
  readonly optional?: boolean;
  readonly repeated?: boolean;
  readonly description: string;
}

export interface CommandDefinition<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  readonly name: string;
  /** One line: what the command does (the first line of its help, and its line in `yanbao --help`). */
  readonly summary: string;
  readonly details?: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: O;
  readonly exitCodes?: readonly (readonly [number, string])[];
}

/** Every command takes -h/--help; the help lists it last. */
export const HELP = { type: "boolean", short: "h", description: "print this help" } as const satisfies OptionSpec;

export const defineCommand = <const O extends Record<string, OptionSpec>>(definition: CommandDefinition<O>) =>
  definition;

type Value<S extends OptionSpec> =
  | (S["type"] extends "boolean" ? boolean : string)
  | (S extends { default: string | boolean } ? never : undefined);
export type Values<O extends Record<string, OptionSpec>> = { -readonly [K in keyof O]: Value<O[K]> } & {
  help?: boolean;
};

/** parseArgs over the definition; throws its error, or one naming the allowed values of an option with choices. */
export function parseCommand<O extends Record<string, OptionSpec>>(definition: CommandDefinition<O>, args: string[]) {
  const options: ParseArgsOptionsConfig = {};
  for (const [name, o] of allOptions(definition)) {
    options[name] = {
      type: o.type,
      ...(o.short !== undefined && { short: o.short }),
      ...(o.default !== undefined && { default: o.default }),
    };
  }
  const { values, positionals } = parseArgs({ args, options, allowPositionals: definition.positionals.length > 0 });
  for (const [name, o] of allOptions(definition)) {
    const value = values[name];
    if (o.choices && typeof value === "string" && !o.choices.includes(value)) {
      throw new Error(`--${name} is ${o.choices.slice(0, -1).join(", ")} or ${o.choices.at(-1)}, not "${value}"`);
    }
  }
  return { values: values as Values<O>, positionals };
}

const WIDTH = 110;

export function helpText(definition: CommandDefinition): string {
  const { name, positionals, options } = definition;
  const flags = Object.entries(options);
  const synopsis = [
    `usage: yanbao ${name}`,
    ...positionals.map((p) =>
      p.optional ? `[${p.name}${p.repeated ? "..." : ""}]` : `${p.name}${p.repeated ? "..." : ""}`,
    ),
    ...(flags.length > 3 ? ["[options]"] : flags.map(([n, o]) => `[${flag(n, o)}]`)),
  ];
  return [
    synopsis.join(" "),
    ...wrap(definition.summary, 0),
    ...(definition.details ? wrap(definition.details, 0) : []),
    ...table([
      ...positionals.map((p): [string, string] => [p.name, p.description]),
      ...allOptions(definition).map(([n, o]): [string, string] => [
        (o.short ? `-${o.short}, ` : "") + flag(n, o),
        describe(o),
      ]),
    ]),
    ...exitLine(definition.exitCodes),
  ].join("\n");
}

/** The help of `yanbao` itself: every command with its summary. */
export function commandsHelp(
  definitions: readonly Pick<CommandDefinition, "name" | "summary">[],
  exitCodes?: readonly (readonly [number, string])[],
): string {
  return [
    `usage: yanbao <${definitions.map((d) => d.name).join("|")}> [args]   (yanbao <command> --help for each)`,
    ...table(definitions.map((d) => [d.name, d.summary])),
    ...exitLine(exitCodes),
  ].join("\n");
}

/** The options of a definition and --help, in the order of the help. */
export const allOptions = (definition: CommandDefinition): [string, OptionSpec][] => [
  ...Object.entries(definition.options),
  ["help", HELP],
];

function flag(name: string, o: OptionSpec): string {
  return o.type === "string" ? `--${name} ${o.value ?? o.choices?.join("|") ?? "VALUE"}` : `--${name}`;
}

function describe(o: OptionSpec): string {
  const shown = o.shownDefault ?? (o.type === "string" ? o.default : undefined);
  return shown === undefined ? o.description : `${o.description} (default ${shown})`;
}

const exitLine = (codes?: readonly (readonly [number, string])[]) =>
  codes ? wrap(`exit code: ${codes.map(([c, what]) => `${c} ${what}`).join(", ")}`, 0) : [];

/** Two columns, indented by two spaces; the second wrapped under itself. */
function table(rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.flatMap(([left, right]) => {
    const [first = "", ...more] = wrap(right, width + 4);
    return [`  ${left.padEnd(width)}  ${first}`, ...more];
  });
}

/** `text` in lines of at most WIDTH characters, all but the first indented by `indent` (the first starts there). */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = "";
    }
    line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : " ".repeat(indent) + l));
}
