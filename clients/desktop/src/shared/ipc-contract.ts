// Every IPC channel between the main process and the renderer, with its payload types. Main
// registers exactly these, the preload exposes exactly these, the renderer calls exactly these.
// Environment: std (no DOM, no Node, no Electron).
import type {
  BoardView,
  ConnectionStatus,
  DailySummaryView,
  DayScheduleView,
  DoctorAvailability,
  DoctorView,
  OverridePlan,
  PatientView,
  RoomDisplayView,
  ScheduleOverrideView,
  SexName,
  SlotView,
  SourceName,
  TokenMoveName,
  TokenRecordView,
  TokenStatusName,
  TokenView,
  WaitlistEntryView,
} from './views.js';

/** An error as it crosses IPC: what staff read, and what code may switch on. No stacks. */
export interface IpcError {
  /** The gRPC status name (e.g. 'FAILED_PRECONDITION'), or 'INVALID_ARGUMENT' for bad input. */
  readonly code: string;
  /** The `google.rpc.ErrorInfo` reason when there is one (e.g. 'GRACE_PERIOD_NOT_OVER'). */
  readonly reason: string | null;
  /**
   * One or two sentences in English: the service's own sentence, or the desktop's when the
   * service could not answer. The renderer shows its translation of `reason` (or of `code`)
   * when it has one, and this sentence otherwise.
   */
  readonly message: string;
  /** The `ErrorInfo` metadata (e.g. { no_show_allowed_after: '…' }), for the translation. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Which service refused or could not be reached; null for the desktop's own refusals. */
  readonly service: 'allocation' | 'reporting' | null;
  /** Bad fields by the renderer's field names (e.g. 'phone'), each with a description. */
  readonly fieldViolations: readonly { readonly field: string; readonly description: string }[];
  /** For a full doctor-day (DOCTOR_DAY_FULL): up to five doctor-days with room, best first. */
  readonly alternatives?: readonly DayAlternative[];
}

/** A doctor-day with room, offered when the one asked for is full. */
export interface DayAlternative {
  readonly doctorId: string;
  readonly doctorName: string;
  readonly department: string;
  /** Local "YYYY-MM-DD". */
  readonly date: string;
  readonly freePlaces: number;
  /** Local "HH:MM" of the earliest live slot with room. */
  readonly firstFreeTime: string;
}

/** Every invoke answers with a result: errors are values, so nothing is lost crossing IPC. */
export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };

/** The desktop's settings the renderer may know (never the API key). */
export interface Settings {
  readonly timeZone: string;
  readonly noShowGraceMinutes: number;
  readonly allocationAddress: string;
  readonly reportingAddress: string | null;
  /** The counter's language, e.g. 'en', 'hi', or one a language file adds (e.g. 'ta'). */
  readonly language: string;
  /** The screen the desktop opens on: the counter's, or the doctor's room. */
  readonly startScreen: 'issue' | 'board' | 'room';
  /** The hospital's name for the slip; '' uses the words of the language file. */
  readonly hospitalName: string;
  /** Print the slip as soon as a token is issued. */
  readonly printSlipOnIssue: boolean;
  /** The printer slips go to without a dialog; null asks with the print dialog. */
  readonly slipPrinter: string | null;
  /** Token number prefixes by doctor id or department, e.g. { ENT: 'ENT' } → "ENT-44". */
  readonly tokenPrefixes: Readonly<Record<string, string>>;
  /** The languages the waiting-room display speaks each call in, in order (e.g. en, hi). */
  readonly announceLanguages: readonly string[];
}

/** A hospital's language file: messages by key, as nested objects of strings. */
export interface LanguagePack {
  readonly language: string;
  readonly messages: MessageTree;
}

export interface MessageTree {
  readonly [key: string]: string | MessageTree;
}

/** A patient's optional registration details, as typed at the counter ('' when left empty). */
export interface RegistrationInput {
  readonly sex: SexName | '';
  /** "YYYY-MM-DD", or '' when not known (then ageYears may be given). */
  readonly birthDate: string;
  readonly ageYears: number | null;
  readonly abhaNumber: string;
  readonly hospitalNumber: string;
}

export interface IssueTokenRequest {
  /** Idempotency key (UUID): the renderer keeps it for retries of the same patient. */
  readonly requestId: string;
  readonly phone: string;
  readonly name: string;
  /**
   * A patient picked from those on the phone (a family shares one): the token is requested for
   * that id. Null: the phone and name find the patient, or register a new one on that phone.
   */
  readonly patientId: string | null;
  /** The optional registration details, when the clerk opened them (Alt+R). */
  readonly registration: RegistrationInput | null;
  readonly doctorId: string;
  readonly date: string;
  readonly source: SourceName;
  readonly preferredSlotId: string | null;
  readonly notes: string;
}

export type IssueTokenResult =
  | {
      readonly outcome: 'allocated';
      readonly token: TokenView;
      readonly slot: SlotView;
      /** Set when another patient's token was displaced to make room. */
      readonly preemption: {
        readonly tokenNumber: number;
        readonly waitlistPosition: number;
        readonly reason: string;
      } | null;
    }
  | { readonly outcome: 'waitlisted'; readonly entry: WaitlistEntryView }
  | {
      readonly outcome: 'already-holds';
      /** The token the patient holds for that doctor-day, or null when they are waiting. */
      readonly token: TokenView | null;
      readonly waitlistPosition: number | null;
    };

export type PatientLookup =
  | { readonly found: false }
  | {
      readonly found: true;
      /** The first patient registered on the phone (patients[0]). */
      readonly patient: PatientView;
      /** Every patient on the phone, first registered first: a family may share one. */
      readonly patients: readonly PatientView[];
      readonly tokens: readonly TokenView[];
      readonly waitlist: readonly WaitlistEntryView[];
    };

export interface TokenActionRequest {
  readonly requestId: string;
  readonly tokenId: string;
}

export interface CancelRequest {
  readonly requestId: string;
  readonly id: string;
  readonly reason: string;
}

export interface DoctorDayRef {
  readonly doctorId: string;
  readonly date: string;
}

export interface DoctorInput {
  readonly displayName: string;
  readonly department: string;
  /** e.g. "OPD 2, Room 14"; may be empty. */
  readonly room: string;
  readonly weeklySchedule: readonly DayScheduleView[];
}

export interface UpdateDoctorRequest extends DoctorInput {
  readonly requestId: string;
  readonly doctorId: string;
  readonly active: boolean;
}

export interface SetOverrideRequest {
  readonly requestId: string;
  readonly doctorId: string;
  readonly date: string;
  readonly plan: OverridePlan;
  readonly reason: string;
}

export interface TransferRequest {
  readonly requestId: string;
  readonly tokenId: string;
  /** Another doctor, on the token's date. */
  readonly targetDoctorId: string;
  /** Why, in words staff can read to the patient. Required. */
  readonly reason: string;
}

export interface TransferResult {
  /** The original token, now TRANSFERRED. */
  readonly token: TokenView;
  /** The patient's token with the other doctor. */
  readonly newToken: TokenView;
  /** Set when a lower-priority token on the target day gave its place. */
  readonly preemption: { readonly tokenNumber: number; readonly waitlistPosition: number } | null;
  /** Waiting patients of the first doctor-day given tokens from the freed place. */
  readonly promoted: readonly TokenView[];
}

export interface CallNextResult {
  /** The token now CALLED; null when nobody was waiting (nothing changed). */
  readonly token: TokenView | null;
  /** How many still wait in the room queue. */
  readonly queueLength: number;
}

export interface PrintOutcome {
  /** False when staff closed the print dialog without printing. */
  readonly printed: boolean;
  /** The printer it went to without a dialog, or null when the dialog asked. */
  readonly printer: string | null;
}

export interface ReportFilters {
  readonly startDate: string;
  readonly endDate: string;
  /** Empty: all doctors. */
  readonly doctorId: string;
  /** Empty: any. */
  readonly statuses: readonly TokenStatusName[];
  readonly sources: readonly SourceName[];
}

export interface TokenPage {
  readonly rows: readonly TokenRecordView[];
  readonly nextPageToken: string;
}

export type ExportStart =
  | { readonly started: true; readonly exportId: string; readonly filePath: string }
  | { readonly started: false };

/** The invoke channels: name → channel, request and response. */
export interface InvokeMap {
  getSettings: { request: null; response: Settings };
  getConnection: { request: null; response: ConnectionStatus };
  /** The counter's language file from the hospital's languages folder, if it has one. */
  getLanguagePack: { request: null; response: LanguagePack | null };
  listDoctors: { request: { readonly includeInactive: boolean }; response: DoctorView[] };
  listAvailability: { request: { readonly date: string }; response: DoctorAvailability[] };
  createDoctor: {
    request: DoctorInput & { readonly requestId: string };
    response: DoctorView;
  };
  updateDoctor: {
    request: UpdateDoctorRequest;
    response: { readonly doctor: DoctorView; readonly promotions: number };
  };
  listOverrides: {
    request: { readonly doctorId: string; readonly startDate: string; readonly endDate: string };
    response: ScheduleOverrideView[];
  };
  setOverride: {
    request: SetOverrideRequest;
    response: { readonly override: ScheduleOverrideView; readonly promotions: number };
  };
  deleteOverride: {
    request: DoctorDayRef & { readonly requestId: string };
    response: { readonly promotions: number };
  };
  findPatient: { request: { readonly phone: string }; response: PatientLookup };
  issueToken: { request: IssueTokenRequest; response: IssueTokenResult };
  cancelToken: {
    request: CancelRequest;
    response: { readonly token: TokenView; readonly promoted: readonly TokenView[] };
  };
  checkInToken: { request: TokenActionRequest; response: TokenView };
  completeToken: { request: TokenActionRequest; response: TokenView };
  markNoShow: {
    request: TokenActionRequest;
    response: { readonly token: TokenView; readonly promoted: readonly TokenView[] };
  };
  cancelWaitlistEntry: { request: CancelRequest; response: WaitlistEntryView };
  /** The room's keys (role doctor: the room key when one is configured). */
  callNext: {
    request: DoctorDayRef & { readonly requestId: string };
    response: CallNextResult;
  };
  recallToken: { request: TokenActionRequest; response: TokenView };
  skipToken: { request: TokenActionRequest; response: TokenView };
  /** Complete from the room (the room key), unlike completeToken at the counter. */
  completeCalled: { request: TokenActionRequest; response: TokenView };
  /** Role counter: a transfer is the counter's move, even when started in the room. */
  transferToken: { request: TransferRequest; response: TransferResult };
  /** Undone with the key of the role that made the move (room moves: the room key). */
  undoTransition: {
    request: TokenActionRequest;
    response: { readonly token: TokenView; readonly undoneMove: TokenMoveName };
  };
  /** Prints the slip the page shows (print stylesheet), to the configured printer if any. */
  printSlip: { request: null; response: PrintOutcome };
  getBoard: { request: DoctorDayRef; response: BoardView };
  watchBoard: { request: DoctorDayRef; response: { readonly watchId: string } };
  /** A live room for the waiting-room display: numbers and times only (onRoomUpdate). */
  watchRoom: { request: DoctorDayRef; response: { readonly watchId: string } };
  /** Ends a watchBoard or a watchRoom. */
  unwatchBoard: { request: { readonly watchId: string }; response: null };
  listTokenRecords: {
    request: ReportFilters & { readonly pageSize: number; readonly pageToken: string };
    response: TokenPage;
  };
  listDailySummaries: {
    request: { readonly startDate: string; readonly endDate: string; readonly doctorId: string };
    response: DailySummaryView[];
  };
  startExport: { request: ReportFilters; response: ExportStart };
  cancelExport: { request: { readonly exportId: string }; response: null };
}

export type InvokeName = keyof InvokeMap;
export type RequestOf<K extends InvokeName> = InvokeMap[K]['request'];
export type ResponseOf<K extends InvokeName> = InvokeMap[K]['response'];

/** The IPC channel of each invoke, one namespace per concern. */
export const INVOKE_CHANNELS: { readonly [K in InvokeName]: string } = {
  getSettings: 'opd:settings:get',
  getConnection: 'opd:connection:get',
  getLanguagePack: 'opd:settings:language-pack',
  listDoctors: 'opd:doctors:list',
  listAvailability: 'opd:doctors:availability',
  createDoctor: 'opd:doctors:create',
  updateDoctor: 'opd:doctors:update',
  listOverrides: 'opd:overrides:list',
  setOverride: 'opd:overrides:set',
  deleteOverride: 'opd:overrides:delete',
  findPatient: 'opd:patients:find',
  issueToken: 'opd:tokens:issue',
  cancelToken: 'opd:tokens:cancel',
  checkInToken: 'opd:tokens:check-in',
  completeToken: 'opd:tokens:complete',
  markNoShow: 'opd:tokens:no-show',
  cancelWaitlistEntry: 'opd:waitlist:cancel',
  callNext: 'opd:room:call-next',
  recallToken: 'opd:room:recall',
  skipToken: 'opd:room:skip',
  completeCalled: 'opd:room:complete',
  transferToken: 'opd:tokens:transfer',
  undoTransition: 'opd:tokens:undo',
  printSlip: 'opd:slip:print',
  getBoard: 'opd:board:get',
  watchBoard: 'opd:board:watch',
  watchRoom: 'opd:display:watch-room',
  unwatchBoard: 'opd:board:unwatch',
  listTokenRecords: 'opd:reports:tokens',
  listDailySummaries: 'opd:reports:summaries',
  startExport: 'opd:reports:export',
  cancelExport: 'opd:reports:export-cancel',
};

export interface BoardUpdate {
  readonly watchId: string;
  readonly board: BoardView;
}

export interface RoomUpdate {
  readonly watchId: string;
  readonly room: RoomDisplayView;
}

export interface BoardWatchStatus {
  readonly watchId: string;
  /**
   * 'live' while the stream is open; 'reconnecting' after it broke, until it is back;
   * 'failed' when retrying cannot help (unknown doctor, key refused): the watch has ended.
   */
  readonly state: 'live' | 'reconnecting' | 'failed';
  readonly error: IpcError | null;
}

export interface ExportProgress {
  readonly exportId: string;
  readonly state: 'running' | 'done' | 'cancelled' | 'failed';
  readonly rows: number;
  readonly filePath: string;
  readonly error: IpcError | null;
}

/** Events the main process pushes to the renderer. */
export interface EventMap {
  onBoardUpdate: BoardUpdate;
  onRoomUpdate: RoomUpdate;
  /** The state of a watchBoard or a watchRoom. */
  onBoardStatus: BoardWatchStatus;
  onExportProgress: ExportProgress;
  onConnectionChange: ConnectionStatus;
}

export type EventName = keyof EventMap;

export const EVENT_CHANNELS: { readonly [K in EventName]: string } = {
  onBoardUpdate: 'opd:board:update',
  onRoomUpdate: 'opd:display:room-update',
  onBoardStatus: 'opd:board:status',
  onExportProgress: 'opd:reports:export-progress',
  onConnectionChange: 'opd:connection:changed',
};

/**
 * What the waiting-room display window may call: it shows token numbers and rooms in a public
 * place, so the main process refuses it everything that carries a patient's name or phone.
 */
export const DISPLAY_INVOKES: readonly InvokeName[] = [
  'getSettings',
  'getConnection',
  'getLanguagePack',
  'listDoctors',
  'watchRoom',
  'unwatchBoard',
];

/** `window.opd`: one function per action, one subscription per event. */
export type OpdApi = {
  readonly [K in InvokeName]: (request: RequestOf<K>) => Promise<IpcResult<ResponseOf<K>>>;
} & {
  readonly [K in EventName]: (listener: (payload: EventMap[K]) => void) => () => void;
};
