/**
 * `pnpm gridatlas <command>`: the GridAtlas command-line tool. `--help` lists the commands;
 * `gridatlas <command> --help` explains each.
 */
import { helpText, parseCommandArgs, UsageError, type Command } from './command.js';
import { commands } from './commands.js';

function overview(list: readonly Command[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return [
    'gridatlas — command-line tool of GridAtlas (网格图谱)',
    '',
    'usage: pnpm gridatlas <command> [options]',
    '',
    'commands:',
    ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'run "pnpm gridatlas <command> --help" for the options of a command',
  ].join('\n');
}

export async function main(argv: string[], list: readonly Command[] = commands): Promise<number> {
  const out = (line: string): void => void process.stdout.write(line + '\n');
  const err = (line: string): void => void process.stderr.write(line + '\n');
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    out(overview(list));
    return first === undefined ? 2 : 0;
  }
  // Two-word commands such as "user add" are registered under their full name.
  const command = list.find((c) => c.name === `${first} ${rest[0] ?? ''}`) ?? list.find((c) => c.name === first);
  if (!command) {
    err(`gridatlas: unknown command "${first}"\n\n${overview(list)}`);
    return 2;
  }
  const args = command.name.includes(' ') ? rest.slice(1) : rest;
  try {
    const { values, positionals, help } = parseCommandArgs(command, args);
    if (help) {
      out(helpText(command));
      return 0;
    }
    return await command.run({ values, positionals, out, err });
  } catch (error) {
    if (error instanceof UsageError) {
      err(`gridatlas ${command.name}: ${error.message}`);
      return error.exitCode;
    }
    err(`gridatlas ${command.name}: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`gridatlas: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
