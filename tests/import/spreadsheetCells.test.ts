import { describe, expect, it } from 'vitest';
import { decodeSpreadsheetText, readCsvTable } from '../../src/app/import/csvTable.ts';
import { NO_MAPPING, recogniseColumns } from '../../src/app/import/placementColumns.ts';
import { initialsOfFullName, initialsOfNames, readDate, readInitials, readSessions } from '../../src/app/import/spreadsheetCells.ts';

describe('dates as English spreadsheets write them', () => {
  it.each([
    ['05/01/2026', '2026-01-05'],
    ['5/1/2026', '2026-01-05'],
    ['5/1/26', '2026-01-05'],
    ['05-01-2026', '2026-01-05'],
    ['05.01.2026', '2026-01-05'],
    ['5 Jan 2026', '2026-01-05'],
    ['05-Jan-2026', '2026-01-05'],
    ['5 September 2026', '2026-09-05'],
    ['2026-01-05', '2026-01-05'],
    ['29/02/2028', '2028-02-29'],
    ['05/01/2026 00:00', '2026-01-05'],
  ])('reads %s as %s (day first)', (cell, date) => {
    expect(readDate(cell)).toBe(date);
  });

  it.each(['31/02/2026', '29/02/2027', '2026-13-01', '00/01/2026', 'next Monday', '01/2026'])('refuses %s', (cell) => {
    expect(() => readDate(cell)).toThrow(cell);
  });
});

describe('sessions as people type them', () => {
  it.each([
    ['Mon AM, Tue AM/PM, Thu PM', { mon: ['am'], tue: ['am', 'pm'], wed: [], thu: ['pm'], fri: [] }],
    ['Mon AM; Mon PM', { mon: ['am', 'pm'], tue: [], wed: [], thu: [], fri: [] }],
    ['Mon-Wed AM', { mon: ['am'], tue: ['am'], wed: ['am'], thu: [], fri: [] }],
    ['Monday all day, Friday morning', { mon: ['am', 'pm'], tue: [], wed: [], thu: [], fri: ['am'] }],
    ['Tues & Thurs afternoon', undefined],
    ['Full time', { mon: ['am', 'pm'], tue: ['am', 'pm'], wed: ['am', 'pm'], thu: ['am', 'pm'], fri: ['am', 'pm'] }],
    ['Mon-Fri', { mon: ['am', 'pm'], tue: ['am', 'pm'], wed: ['am', 'pm'], thu: ['am', 'pm'], fri: ['am', 'pm'] }],
  ])('reads "%s"', (cell, timetable) => {
    if (timetable) expect(readSessions(cell)).toEqual(timetable);
    else expect(() => readSessions(cell)).toThrow('does not say AM or PM');
  });

  it.each([['Sat AM', 'does not name a school day'], ['Mon noon', 'does not say AM or PM'], ['Fri-Mon', 'runs backwards']])('refuses "%s"', (cell, reason) => {
    expect(() => readSessions(cell)).toThrow(reason);
  });
});

describe('initials, never names', () => {
  it('takes the first letter of each name, past apostrophes and accents', () => {
    expect(initialsOfNames("D'Arcy", "O'Neill")).toBe('DO');
    expect(initialsOfNames('Zoë', 'Ångström')).toBe('ZA');
    expect(initialsOfFullName('Mensah-Boateng, Kwame')).toBe('KM');
    expect(initialsOfFullName('Kwame Kofi Mensah')).toBe('KM');
    expect(readInitials('j.s.')).toBe('JS');
  });

  it('refuses a name with no letter to take an initial from, or a single name', () => {
    expect(() => initialsOfNames('李', 'Wei')).toThrow('no letter A to Z');
    expect(() => initialsOfFullName('Cher')).toThrow('forename and a surname');
    expect(() => readInitials('ABCDE')).toThrow('more than initials');
  });
});

describe('reading the CSV itself', () => {
  it("reads Excel's Windows-1252 CSV, where UTF-8 would not decode", () => {
    const bytes = Uint8Array.from([0x5a, 0x6f, 0xeb, 0x2c, 0x92, 0x73]); // "Zoë,’s" in Windows-1252
    expect(decodeSpreadsheetText(bytes)).toBe('Zoë,\u2019s');
  });

  it('reads semicolon-separated files, quoted line breaks, and keeps spreadsheet row numbers past blank rows', () => {
    const table = readCsvTable('\uFEFFRef;Notes;Start\r\nA1;"line one\nline two; still";01/02/2026\r\n;;\r\n\r\nA2;x;02/02/2026\r\n');
    expect(table.headers).toEqual(['Ref', 'Notes', 'Start']);
    expect(table.rows).toEqual([
      { number: 2, cells: { Ref: 'A1', Notes: 'line one\nline two; still', Start: '01/02/2026' } },
      { number: 5, cells: { Ref: 'A2', Notes: 'x', Start: '02/02/2026' } },
    ]);
  });

  it('refuses an empty file and a broken quote with a clear message', () => {
    expect(() => readCsvTable('')).toThrow('The file is empty');
    expect(() => readCsvTable('a,b\n"x,y\n')).toThrow('not a readable CSV file');
  });
});

describe('recognising the columns of common exports', () => {
  it.each([
    ['Arbor', ['Student ID', 'First Name', 'Last Name', 'Year Group', 'Alternative Provision', 'Placement Type', 'Start Date', 'End Date', 'Sessions'], { pupilRef: 'Student ID', forename: 'First Name', surname: 'Last Name', provider: 'Alternative Provision', kind: 'Placement Type' }],
    ['SIMS', ['Adno', 'UPN', 'Legal Surname', 'Legal Forename', 'Year', 'Provision', 'Provision type', 'From', 'To'], { pupilRef: 'Adno', surname: 'Legal Surname', provider: 'Provision', kind: 'Provision type', start: 'From', end: 'To' }],
    ['Bromcom', ['Admission Number', 'Forename', 'Surname', 'NC Year', 'Provider', 'Kind', 'Start Date', 'End Date', 'Timetable'], { pupilRef: 'Admission Number', yearGroup: 'NC Year', sessions: 'Timetable' }],
    ['a hand-kept sheet', ['Pupil ref', 'UPN', 'Pupil name', 'Type', 'Start'], { pupilRef: 'Pupil ref', fullName: 'Pupil name', kind: 'Type' }],
  ])('%s', (_export, headers, expected) => {
    expect(recogniseColumns(headers, NO_MAPPING).columns).toMatchObject(expected);
  });
});
