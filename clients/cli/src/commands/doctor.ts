import {
  CreateDoctorRequest,
  CreateDoctorResponse,
  type Doctor,
  GetDoctorResponse,
  ListDoctorsResponse,
  UpdateDoctorResponse,
  WeeklySchedule,
} from '@opd/api';
import type { Command } from 'commander';
import { type AllocationClient, withAllocation } from '../clients.js';
import { listAllDoctors, resolveDoctor } from '../doctor-ref.js';
import { UsageError } from '../errors.js';
import { readJsonFile } from '../files.js';
import { globalsOf } from '../global-options.js';
import type { CliContext } from '../io.js';
import { mutate } from '../mutate.js';
import { print } from '../print.js';
import {
  describeWeeklySchedule,
  parseSessionSpec,
  type SessionSpec,
  summariseWeeklySchedule,
  weeklyScheduleOf,
} from '../schedule-spec.js';
import { renderTable } from '../table.js';

interface ScheduleFlags {
  readonly session?: SessionSpec[];
  readonly file?: string;
}

const collectSessions = (value: string, previous: SessionSpec[] | undefined) => [
  ...(previous ?? []),
  parseSessionSpec(value),
];

const SESSION_HELP =
  'a weekly session, repeatable: DAYS=HH:MM-HH:MM/MINUTESxCAPACITY, e.g. mon-sat=09:00-13:00/15x3';

const doctorLines = (doctor: Doctor): string[] => [
  `${doctor.displayName} (${doctor.department})${doctor.active ? '' : ' [inactive]'}`,
  `  doctor_id  ${doctor.doctorId}`,
  `  room       ${doctor.room || '(not set)'}`,
  ...describeWeeklySchedule(doctor.weeklySchedule).map((line) => `  ${line}`),
];

/** Doctor requests from --file: one CreateDoctorRequest (proto JSON) or a list of them. */
async function requestsFromFile(ctx: CliContext, file: string): Promise<CreateDoctorRequest[]> {
  const json = await readJsonFile(ctx.cwd, file);
  const items = Array.isArray(json) ? json : [json];
  return items.map((item: unknown) => CreateDoctorRequest.fromJSON(item));
}

async function createDoctors(
  client: AllocationClient,
  requests: readonly CreateDoctorRequest[],
): Promise<CreateDoctorResponse[]> {
  const created: CreateDoctorResponse[] = [];
  for (const request of requests) {
    created.push(await mutate((requestId) => client.createDoctor({ ...request, requestId })));
  }
  return created;
}

function register(doctor: Command, ctx: CliContext): void {
  doctor
    .command('create')
    .description('add a doctor with a weekly schedule (flags, or --file with proto JSON)')
    .option('--name <name>', 'display name, e.g. "Dr. Meera Rao"')
    .option('--department <department>', 'department, e.g. ENT')
    .option('--room <room>', 'where the doctor sees patients, e.g. "OPD 2, Room 14"')
    .option('--session <spec>', SESSION_HELP, collectSessions)
    .option('--file <path>', 'JSON: a CreateDoctorRequest or a list of them')
    .action(
      async (
        flags: ScheduleFlags & { name?: string; department?: string; room?: string },
        command: Command,
      ) => {
        const options = globalsOf(command);
        if (flags.file && (flags.name || flags.department || flags.room || flags.session)) {
          throw new UsageError(
            'Give either --file, or --name/--department/--room/--session, not both.',
          );
        }
        if (!flags.file && (!flags.name || !flags.department)) {
          throw new UsageError(
            'doctor create needs --name and --department (and --session for the weekly schedule), or --file.',
          );
        }
        const requests = flags.file
          ? await requestsFromFile(ctx, flags.file)
          : [
              CreateDoctorRequest.fromPartial({
                displayName: flags.name ?? '',
                department: flags.department ?? '',
                room: flags.room ?? '',
                weeklySchedule: weeklyScheduleOf(flags.session ?? []),
              }),
            ];
        const created = await withAllocation(options, (client) => createDoctors(client, requests));
        print(
          ctx,
          options,
          () => created.map((c) => CreateDoctorResponse.toJSON(c)),
          () => created.flatMap((c) => (c.doctor ? ['Created', ...doctorLines(c.doctor)] : [])),
        );
      },
    );

  doctor
    .command('list')
    .description('list doctors by name')
    .option('--department <department>', 'only this department')
    .option('--all', 'include inactive doctors')
    .action(async (flags: { department?: string; all?: boolean }, command: Command) => {
      const options = globalsOf(command);
      const doctors = await withAllocation(options, (client) =>
        listAllDoctors(client, {
          ...(flags.department ? { department: flags.department } : {}),
          showInactive: flags.all ?? false,
        }),
      );
      print(
        ctx,
        options,
        () => ListDoctorsResponse.toJSON({ doctors, nextPageToken: '' }),
        () =>
          doctors.length === 0
            ? ['No doctors yet: `opd doctor create --help` shows how to add one.']
            : renderTable(
                ['DOCTOR_ID', 'NAME', 'DEPARTMENT', 'ROOM', 'WEEK'],
                doctors.map((d) => [
                  d.doctorId,
                  d.active ? d.displayName : `${d.displayName} [inactive]`,
                  d.department,
                  d.room || '-',
                  summariseWeeklySchedule(d.weeklySchedule),
                ]),
              ),
      );
    });

  doctor
    .command('show')
    .description('one doctor and their weekly schedule')
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .action(async (ref: string, _flags: unknown, command: Command) => {
      const options = globalsOf(command);
      const doctor = await withAllocation(options, (client) => resolveDoctor(client, ref));
      print(
        ctx,
        options,
        () => GetDoctorResponse.toJSON({ doctor }),
        () => doctorLines(doctor),
      );
    });

  doctor
    .command('schedule')
    .description("replace a doctor's weekly schedule (flags, or --file with a WeeklySchedule)")
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .option('--session <spec>', SESSION_HELP, collectSessions)
    .option('--file <path>', 'JSON: a WeeklySchedule, e.g. {"days": [...]}')
    .action(async (ref: string, flags: ScheduleFlags, command: Command) => {
      const options = globalsOf(command);
      if (Boolean(flags.file) === Boolean(flags.session)) {
        throw new UsageError('doctor schedule needs --session flags or --file (one of the two).');
      }
      const weeklySchedule = flags.file
        ? WeeklySchedule.fromJSON(await readJsonFile(ctx.cwd, flags.file))
        : weeklyScheduleOf(flags.session ?? []);
      const answer = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        return mutate((requestId) =>
          client.updateDoctor({
            requestId,
            doctor: { ...doctor, weeklySchedule },
            updateMask: ['weekly_schedule'],
          }),
        );
      });
      print(
        ctx,
        options,
        () => UpdateDoctorResponse.toJSON(answer),
        () => [
          'Weekly schedule replaced',
          ...(answer.doctor ? doctorLines(answer.doctor) : []),
          ...(answer.promotions.length > 0
            ? [`  ${answer.promotions.length} waiting patient(s) promoted by the added room`]
            : []),
        ],
      );
    });

  doctor
    .command('room')
    .description(
      'set where the doctor sees patients (shown on the slip and the waiting-room display)',
    )
    .argument('<doctor>', 'doctor id or a unique part of the name')
    .argument('<room>', 'e.g. "OPD 2, Room 14"; "" clears it')
    .action(async (ref: string, room: string, _flags: unknown, command: Command) => {
      const options = globalsOf(command);
      const answer = await withAllocation(options, async (client) => {
        const doctor = await resolveDoctor(client, ref);
        return mutate((requestId) =>
          client.updateDoctor({ requestId, doctor: { ...doctor, room }, updateMask: ['room'] }),
        );
      });
      print(
        ctx,
        options,
        () => UpdateDoctorResponse.toJSON(answer),
        () => [
          answer.doctor?.room
            ? `${answer.doctor.displayName} sees patients in ${answer.doctor.room}.`
            : `${answer.doctor?.displayName ?? 'The doctor'} has no room set.`,
        ],
      );
    });

  for (const [name, active] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    doctor
      .command(name)
      .description(
        active ? 'take new token requests again' : 'stop new token requests (issued tokens stay)',
      )
      .argument('<doctor>', 'doctor id or a unique part of the name')
      .action(async (ref: string, _flags: unknown, command: Command) => {
        const options = globalsOf(command);
        const answer = await withAllocation(options, async (client) => {
          const doctor = await resolveDoctor(client, ref);
          return mutate((requestId) =>
            client.updateDoctor({
              requestId,
              doctor: { ...doctor, active },
              updateMask: ['active'],
            }),
          );
        });
        print(
          ctx,
          options,
          () => UpdateDoctorResponse.toJSON(answer),
          () => [
            `${answer.doctor?.displayName ?? 'Doctor'} is now ${active ? 'active' : 'inactive'}.`,
          ],
        );
      });
  }
}

export function registerDoctorCommands(program: Command, ctx: CliContext): void {
  register(program.command('doctor').description('doctors and their weekly schedules'), ctx);
}
