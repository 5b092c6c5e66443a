/**
 * A subcommand of the `gridatlas` command-line tool: its name, one-line summary, usage and
 * options (node:util parseArgs specs), so `--help` is generated the same way for each.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  description: string;
  valueName?: string;
};

export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /** Resolves to the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** A user error: printed without a stack trace, exit code 2 unless given. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function helpText(command: Command): string {
  const lines = [`gridatlas ${command.name} — ${command.summary}`, '', `usage: ${command.usage}`];
  const entries = Object.entries(command.options);
  if (entries.length > 0) {
    lines.push('', 'options:');
    const rows = entries.map(([name, spec]) => {
      const flag = `--${name}${spec.type === 'string' ? ` <${spec.valueName ?? 'value'}>` : ''}`;
      const def = spec.default !== undefined ? ` (default: ${String(spec.default)})` : '';
      return [spec.short ? `-${spec.short}, ${flag}` : `    ${flag}`, spec.description + def] as const;
    });
    rows.push(['-h, --help', 'show this help'] as const);
    const width = Math.max(...rows.map(([f]) => f.length));
    for (const [flag, text] of rows) lines.push(`  ${flag.padEnd(width)}  ${text}`);
  }
  return lines.join('\n');
}

/** Parses argv for one command; unknown options are a UsageError naming them. */
export function parseCommandArgs(
  command: Command,
  argv: string[],
): { values: CommandContext['values']; positionals: string[]; help: boolean } {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) {
    const { description: _description, valueName: _valueName, ...parseSpec } = spec;
    options[name] = parseSpec;
  }
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const { help, ...rest } = values;
    return { values: rest, positionals, help: help === true };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nrun "gridatlas ${command.name} --help" for the options`);
  }
}
