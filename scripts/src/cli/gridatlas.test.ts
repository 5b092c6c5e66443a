import { describe, expect, it, vi } from 'vitest';
import type { Command } from './command.js';
import { main } from './gridatlas.js';
import { commands } from './commands.js';

function capture(): { out: string[]; err: string[]; restore: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out, err, restore: () => (o.mockRestore(), e.mockRestore()) };
}

const echo: Command = {
  name: 'echo',
  summary: 'prints its options',
  usage: 'gridatlas echo [--times N]',
  options: { times: { type: 'string', valueName: 'N', default: '1', description: 'how often' } },
  async run({ values, positionals, out }) {
    for (let i = 0; i < Number(values.times); i++) out(positionals.join(' '));
    return 0;
  },
};

describe('gridatlas command line', () => {
  it('lists every command with --help', async () => {
    const io = capture();
    const code = await main(['--help']);
    io.restore();
    expect(code).toBe(0);
    for (const c of commands) expect(io.out.join('')).toContain(c.name);
  });

  it('prints help for every subcommand, naming each option', async () => {
    for (const c of commands) {
      const io = capture();
      const code = await main([...c.name.split(' '), '--help']);
      io.restore();
      expect(code).toBe(0);
      const text = io.out.join('');
      expect(text).toContain(`usage: ${c.usage}`);
      for (const option of Object.keys(c.options)) expect(text).toContain(`--${option}`);
    }
  });

  it('runs a command with its options and positionals', async () => {
    const io = capture();
    const code = await main(['echo', 'hello', '--times', '2'], [echo]);
    io.restore();
    expect(code).toBe(0);
    expect(io.out.join('')).toBe('hello\nhello\n');
  });

  it('rejects unknown commands and options with a message and exit code 2', async () => {
    let io = capture();
    expect(await main(['nope'], [echo])).toBe(2);
    io.restore();
    expect(io.err.join('')).toContain('unknown command "nope"');

    io = capture();
    expect(await main(['echo', '--bogus'], [echo])).toBe(2);
    io.restore();
    expect(io.err.join('')).toMatch(/bogus/);
    expect(io.err.join('')).toContain('gridatlas echo --help');
  });

  it('rejects a bad --scale before touching any database', async () => {
    const io = capture();
    const code = await main(['seed', '--scale', 'huge', '--database-url', 'postgres://nobody@127.0.0.1:1/x']);
    io.restore();
    expect(code).toBe(2);
    expect(io.err.join('')).toContain('--scale must be one of default, lianhu');
  });
});
