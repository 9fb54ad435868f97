import { describe, expect, it } from '@jest/globals';
import type { TokenRecordView } from '../../shared/views.js';
import { csvField, csvHeader, csvRow } from './csv.js';

const record: TokenRecordView = {
  tokenId: 't1',
  tokenNumber: 7,
  doctorId: 'd1',
  doctorDisplayName: 'Dr. Rao, "Senior"',
  department: 'ENT',
  date: '2026-11-27',
  patientId: 'p1',
  slotStartTime: '2026-11-27T03:30:00.000Z',
  source: 'WALK_IN',
  priority: 20,
  status: 'ALLOCATED',
  requestTime: null,
  allocateTime: '2026-11-27T02:00:00.000Z',
  checkInTime: null,
  completeTime: null,
  cancelTime: null,
  noShowTime: null,
  preemptTime: null,
  preempted: false,
  promoted: true,
};

describe('token rows as CSV', () => {
  it('quotes a field only when it holds a comma, quote or line break', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it('writes a header and one CRLF-terminated line per token', () => {
    expect(csvHeader()).toBe(
      'date,doctor_id,doctor,department,token_number,token_id,patient_id,status,source,priority,slot_start_time,request_time,allocate_time,check_in_time,complete_time,cancel_time,no_show_time,preempt_time,preempted,promoted\r\n',
    );
    expect(csvRow(record)).toBe(
      '2026-11-27,d1,"Dr. Rao, ""Senior""",ENT,7,t1,p1,ALLOCATED,WALK_IN,20,2026-11-27T03:30:00.000Z,,2026-11-27T02:00:00.000Z,,,,,,false,true\r\n',
    );
  });
});
