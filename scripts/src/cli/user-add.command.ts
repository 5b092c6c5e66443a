/**
 * `gridatlas user add`: creates a user with roles and jurisdictions. The password comes from
 * stdin (`--password-stdin`) or $GRIDATLAS_NEW_PASSWORD, never from an argument, where it
 * would sit in the shell history and the process list.
 */
import { createUser, migrate, MIN_PASSWORD_LENGTH, openDatabase, UserInputError } from '@gridatlas/api';
import { UsageError, type Command } from './command.js';
import { databaseOptions, databaseTarget } from './database-options.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function createUserAddCommand(stdin: () => Promise<string> = readStdin): Command {
  return {
    name: 'user add',
    summary: 'create a user with roles and jurisdictions (password from stdin or $GRIDATLAS_NEW_PASSWORD)',
    usage:
      'pnpm gridatlas user add --username NAME --role ROLE --jurisdiction CODE [--display-name TEXT] [--staff DISTRICT:ID] [--password-stdin]',
    options: {
      username: { type: 'string', valueName: 'name', description: 'login name' },
      role: {
        type: 'string',
        multiple: true,
        valueName: 'role',
        description: 'admin, planner, analyst, leader, worker or dispatcher (repeatable)',
      },
      jurisdiction: {
        type: 'string',
        multiple: true,
        valueName: 'code',
        description:
          "region code the user sees, e.g. 610199; a city's 4 digits (4201) or a province's 2 cover all their districts (repeatable)",
      },
      'display-name': { type: 'string', valueName: 'text', description: 'name shown in the app (default: the username)' },
      staff: {
        type: 'string',
        valueName: 'district:id',
        description: 'the staff member the user is (a grid worker: their assigned incidents), e.g. 610199:12',
      },
      'password-stdin': { type: 'boolean', description: `read the password from stdin (at least ${MIN_PASSWORD_LENGTH} characters)` },
      ...databaseOptions,
    },
    async run({ values, out }) {
      const username = values.username as string | undefined;
      const roles = (values.role as string[] | undefined) ?? [];
      const jurisdictions = (values.jurisdiction as string[] | undefined) ?? [];
      if (!username) throw new UsageError('--username is required');
      if (roles.length === 0) throw new UsageError('--role is required');
      if (jurisdictions.length === 0) throw new UsageError('--jurisdiction is required');
      const staffArg = values.staff as string | undefined;
      const staffMatch = staffArg === undefined ? null : /^(\d{6}):([1-9]\d{0,15})$/.exec(staffArg);
      if (staffArg !== undefined && !staffMatch) throw new UsageError('--staff is a district code and a staff id, e.g. 610199:12');
      const staff = staffMatch ? { districtCode: staffMatch[1]!, id: Number(staffMatch[2]) } : undefined;
      const raw = values['password-stdin'] ? await stdin() : process.env.GRIDATLAS_NEW_PASSWORD;
      if (raw === undefined) throw new UsageError('give the password on stdin with --password-stdin, or in $GRIDATLAS_NEW_PASSWORD');
      const password = raw.replace(/\r?\n$/, '');
      if (password.length < MIN_PASSWORD_LENGTH) throw new UsageError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
      const db = await openDatabase(databaseTarget(values));
      try {
        await migrate(db);
        const displayName = values['display-name'] as string | undefined;
        await createUser(db, {
          username,
          password,
          roles,
          jurisdictions,
          ...(displayName ? { displayName } : {}),
          ...(staff ? { staff } : {}),
        });
        out(`created user "${username}" with role ${roles.join(', ')} over ${jurisdictions.join(', ')}`);
        return 0;
      } catch (error) {
        if (error instanceof UserInputError) throw new UsageError(error.message, 1);
        throw error;
      } finally {
        await db.close();
      }
    },
  };
}

export const userAddCommand = createUserAddCommand();
