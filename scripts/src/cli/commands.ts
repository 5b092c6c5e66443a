import { backupCommand, restoreCommand } from './backup.command.js';
import type { Command } from './command.js';
import { delineateCommand } from './delineate.command.js';
import { districtCreateCommand, districtExportCommand, districtImportCommand, districtListCommand } from './district.command.js';
import { importIncidentsCommand } from './import-incidents.command.js';
import { importTracksCommand } from './import-tracks.command.js';
import { noticeBoardsCommand } from './notice-boards.command.js';
import { rebalanceCommand } from './rebalance.command.js';
import { reportCommand } from './report.command.js';
import { seedCommand } from './seed.command.js';
import { staffImportCommand } from './staff-import.command.js';
import { userAddCommand } from './user-add.command.js';
import { validateCommand } from './validate.command.js';

/** Every subcommand of `gridatlas`, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  seedCommand,
  userAddCommand,
  validateCommand,
  delineateCommand,
  rebalanceCommand,
  importIncidentsCommand,
  importTracksCommand,
  districtCreateCommand,
  districtImportCommand,
  districtExportCommand,
  districtListCommand,
  staffImportCommand,
  reportCommand,
  noticeBoardsCommand,
  backupCommand,
  restoreCommand,
];
