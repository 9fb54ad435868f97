import { Command, CommanderError } from 'commander';
import { registerBoardCommand } from './commands/board.js';
import { registerDoctorCommands } from './commands/doctor.js';
import { registerEventsCommands } from './commands/events.js';
import { registerExportCommand } from './commands/export.js';
import { registerLeaveCommands } from './commands/leave.js';
import { registerPatientCommands } from './commands/patient.js';
import { registerQueueCommand } from './commands/queue.js';
import { registerReportCommands } from './commands/report.js';
import { registerRoomCommands } from './commands/room.js';
import { registerSimulateCommand } from './commands/simulate.js';
import { registerTokenCommands } from './commands/token.js';
import { registerWaitlistCommands } from './commands/waitlist.js';
import { CliError } from './errors.js';
import { addGlobalOptions } from './global-options.js';
import type { CliContext } from './io.js';

/** The `opd` command tree. Settings made here are inherited by every subcommand. */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('opd')
    .description(
      'Operate the OPD token allocation platform: doctors, tokens, boards, rooms, events, exports.',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.output.out(text.trimEnd()),
      writeErr: (text) => ctx.output.err(text.trimEnd()),
    })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError();
  addGlobalOptions(program);
  registerDoctorCommands(program, ctx);
  registerLeaveCommands(program, ctx);
  registerTokenCommands(program, ctx);
  registerWaitlistCommands(program, ctx);
  registerBoardCommand(program, ctx);
  registerQueueCommand(program, ctx);
  registerRoomCommands(program, ctx);
  registerPatientCommands(program, ctx);
  registerEventsCommands(program, ctx);
  registerExportCommand(program, ctx);
  registerReportCommands(program, ctx);
  registerSimulateCommand(program, ctx);
  return program;
}

/**
 * Runs one command line (without the node and script arguments) and returns the exit code:
 * 0 done, 1 refused or failed, 2 bad usage. Never calls process.exit, so tests can run it.
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      ctx.output.err(error.message);
      return error.exitCode;
    }
    ctx.output.err(
      `Unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return 1;
  }
}
