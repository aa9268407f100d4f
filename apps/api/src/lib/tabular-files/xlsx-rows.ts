import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { RowSink } from './row-sink';
import { amount, limitExceeded, TabularFileError, unreadableFile, type TabularLimitName, type TabularLimits } from './tabular-limits';

/*
 * A small OOXML reader: yauzl opens the zip by its central directory (so a truncated or
 * foreign file fails before anything is parsed), every part is inflated as a stream with
 * its unzipped bytes counted against a limit, and the XML goes through saxes (a streaming
 * SAX parser) so nothing but the shared strings is held in memory. Rows and cells without
 * `r=` attributes are placed by position, as the format allows.
 */

const NOT_XLSX =
  'The file is not an XLSX workbook (it may be damaged, password-protected, an old .xls, or another kind of file). Nothing was imported.';
const BROKEN_PART = (what: string) => `The ${what} of this XLSX file is damaged. Nothing was imported.`;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (err, zip) =>
      err ? reject(unreadableFile(NOT_XLSX)) : resolve(zip),
    );
  });
}

function listEntries(zip: ZipFile, limits: TabularLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.xlsx_parts) {
    return Promise.reject(limitExceeded('xlsx_parts', `The XLSX file has more than ${amount(limits, 'xlsx_parts')} parts`));
  }
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (e: Entry) => {
      // Part names are case-insensitive in OPC.
      entries.set(e.fileName.replace(/^\/+/, '').toLowerCase(), e);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', () => reject(unreadableFile(NOT_XLSX)));
    zip.readEntry();
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(unreadableFile(NOT_XLSX)) : resolve(stream)));
  });
}

interface Part {
  zip: ZipFile;
  entries: Map<string, Entry>;
  limits: TabularLimits;
}

/**
 * Inflates one part into `parser`, refusing it once its unzipped bytes pass `limit` (the
 * declared size is checked first, the real count while inflating, since a zip can lie).
 */
async function streamPart(
  part: Part,
  name: string,
  what: string,
  limit: TabularLimitName,
  parser: SaxesParser,
  sink?: RowSink,
  pending?: () => boolean,
): Promise<void> {
  const entry = part.entries.get(name.toLowerCase());
  if (!entry) throw unreadableFile(`The XLSX file has no ${what}. Nothing was imported.`);
  const max = part.limits[limit];
  const tooBig = () => limitExceeded(limit, `The ${what} of this XLSX file unzips to more than ${amount(part.limits, limit)}`);
  if (entry.uncompressedSize > max) throw tooBig();
  const stream = await openEntry(part.zip, entry);
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > max) throw tooBig();
      parser.write(decoder.decode(chunk, { stream: true }));
      if (sink && pending?.()) await sink.drain();
    }
    parser.write(decoder.decode());
    parser.close();
  } catch (e) {
    if (e instanceof TabularFileError) throw e;
    throw unreadableFile(BROKEN_PART(what));
  } finally {
    stream.destroy();
  }
}

/** A SAX parser whose errors (and any DTD, which OOXML never has) end the read. */
function xmlParser(what: string): SaxesParser {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('error', () => {
    throw unreadableFile(BROKEN_PART(what));
  });
  parser.on('doctype', () => {
    throw unreadableFile(BROKEN_PART(what));
  });
  return parser;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The relationships of a part: id → {type, target resolved against the part's folder}. */
async function relationships(part: Part, of: string): Promise<Map<string, { type: string; target: string }>> {
  const dir = path.dirname(of);
  const relsName = path
    .join(dir, '_rels', `${path.basename(of)}.rels`)
    .replace(/^\.\//, '')
    .replace(/^\//, '');
  const rels = new Map<string, { type: string; target: string }>();
  if (!part.entries.has(relsName.toLowerCase())) return rels;
  const parser = xmlParser('relationships');
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (localName(tag.name) !== 'Relationship') return;
    const { Id, Type, Target, TargetMode } = tag.attributes as Record<string, string | undefined>;
    if (!Id || !Target || TargetMode === 'External') return;
    const target = Target.startsWith('/') ? Target.slice(1) : path.normalize(path.join(of === '' ? '' : dir, Target));
    rels.set(Id, { type: Type ?? '', target: target.replace(/^\.\//, '') });
  });
  await streamPart(part, relsName, 'relationships', 'xlsx_part_unzipped_bytes', parser);
  return rels;
}

/** The first worksheet's part name and the shared strings' part name, from the workbook. */
async function locateSheet(part: Part): Promise<{ sheet: string; sharedStrings?: string }> {
  const root = await relationships(part, '');
  const office = [...root.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type));
  const workbook = office?.target ?? 'xl/workbook.xml';
  if (!part.entries.has(workbook.toLowerCase())) throw unreadableFile(NOT_XLSX);
  const rels = await relationships(part, workbook);
  let firstSheetRel: string | undefined;
  const parser = xmlParser('workbook');
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (firstSheetRel !== undefined || localName(tag.name) !== 'sheet') return;
    const attrs = tag.attributes as Record<string, string>;
    const id = Object.keys(attrs).find((k) => localName(k) === 'id' && k.includes(':'));
    firstSheetRel = id ? attrs[id] : '';
  });
  await streamPart(part, workbook, 'workbook', 'xlsx_part_unzipped_bytes', parser);
  const sheet = firstSheetRel ? rels.get(firstSheetRel)?.target : undefined;
  if (!sheet) throw unreadableFile('The XLSX workbook has no worksheet. Nothing was imported.');
  const shared = [...rels.values()].find((r) => REL_SHARED_STRINGS.test(r.type))?.target;
  return { sheet, ...(shared && part.entries.has(shared.toLowerCase()) ? { sharedStrings: shared } : {}) };
}

/** The shared-strings table: the text of each `<si>` (runs joined, phonetic hints left out). */
async function readSharedStrings(part: Part, name: string): Promise<string[]> {
  const { limits } = part;
  const strings: string[] = [];
  let text = '';
  let inSi = false;
  let inT = false;
  let inPhonetic = false;
  const parser = xmlParser('shared strings');
  const onText = (t: string) => {
    if (!inT || inPhonetic) return;
    text += t;
    if (text.length > limits.cell_chars) {
      throw limitExceeded('cell_chars', `A shared string of this XLSX file is longer than ${amount(limits, 'cell_chars')} characters`);
    }
  };
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const n = localName(tag.name);
    if (n === 'si') {
      inSi = true;
      text = '';
    } else if (n === 't' && inSi) inT = true;
    else if (n === 'rPh') inPhonetic = true;
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const n = localName(tag.name);
    if (n === 'si') {
      inSi = false;
      strings.push(text);
      if (strings.length > limits.xlsx_shared_strings_count) {
        throw limitExceeded(
          'xlsx_shared_strings_count',
          `The XLSX file has more than ${amount(limits, 'xlsx_shared_strings_count')} shared strings`,
        );
      }
    } else if (n === 't') inT = false;
    else if (n === 'rPh') inPhonetic = false;
  });
  parser.on('text', onText);
  parser.on('cdata', onText);
  await streamPart(part, name, 'shared strings', 'xlsx_shared_strings_unzipped_bytes', parser);
  return strings;
}

/** "AB12" → 27 (0-based column), or -1 when the reference has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower-case
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
    if (col > 1_000_000) return col;
  }
  return i === 0 ? -1 : col - 1;
}

/** A numeric cell's text: integers without exponent (9123456789, not 9.12e9). */
function numberText(v: string): string {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) return v;
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
}

/** Streams the first worksheet, row by row. */
export async function readXlsxRows(file: string, limits: TabularLimits, sink: RowSink): Promise<void> {
  const zip = await openZip(file);
  try {
    const part: Part = { zip, entries: await listEntries(zip, limits), limits };
    const { sheet, sharedStrings } = await locateSheet(part);
    const strings = sharedStrings ? await readSharedStrings(part, sharedStrings) : [];

    let rows = 0;
    let line = 0;
    let cells: string[] | null = null;
    let col = -1;
    let type = '';
    let text = '';
    let collecting = false; // inside <v>, or <t> of an inline string
    let inInline = false;
    let inPhonetic = false;
    let wantDrain = false;
    const tooWide = () => limitExceeded('row_cells', `Row ${line} of the sheet has more than ${amount(limits, 'row_cells')} cells`);
    const parser = xmlParser('worksheet');
    const onText = (t: string) => {
      if (!collecting || inPhonetic) return;
      text += t;
      if (text.length > limits.cell_chars) {
        throw limitExceeded('cell_chars', `A cell in row ${line} is longer than ${amount(limits, 'cell_chars')} characters`);
      }
    };
    parser.on('opentag', (tag: SaxesTagPlain) => {
      const n = localName(tag.name);
      const attrs = tag.attributes as Record<string, string | undefined>;
      if (n === 'row') {
        const r = Number(attrs.r);
        line = Number.isInteger(r) && r > 0 ? r : line + 1;
        cells = [];
        col = -1;
      } else if (n === 'c' && cells) {
        const ref = attrs.r ? columnOf(attrs.r) : -1;
        col = ref >= 0 ? ref : col + 1;
        if (col >= limits.row_cells) throw tooWide();
        type = attrs.t ?? 'n';
        text = '';
        inInline = false;
      } else if (n === 'v' && cells) {
        collecting = true;
      } else if (n === 'is' && cells) {
        inInline = true;
      } else if (n === 't' && inInline) {
        collecting = true;
      } else if (n === 'rPh') {
        inPhonetic = true;
      }
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      const n = localName(tag.name);
      if (n === 'v' || n === 't') collecting = false;
      else if (n === 'rPh') inPhonetic = false;
      else if (n === 'c' && cells) {
        let value: string;
        if (type === 's') {
          const i = Number(text);
          value = Number.isInteger(i) && i >= 0 && i < strings.length ? strings[i]! : '';
        } else if (type === 'b') value = text === '1' ? 'TRUE' : text === '0' ? 'FALSE' : text;
        else if (type === 'n') value = numberText(text);
        else value = text; // inlineStr, str (formula result), e (error), d (ISO date)
        while (cells.length < col) cells.push('');
        cells[col] = value;
      } else if (n === 'row' && cells) {
        const row = cells;
        cells = null;
        if (row.length === 0) return;
        if (++rows > limits.rows) throw limitExceeded('rows', `The sheet has more than ${amount(limits, 'rows')} rows`);
        if (sink.row(line, row)) wantDrain = true;
      }
    });
    parser.on('text', onText);
    parser.on('cdata', onText);
    await streamPart(part, sheet, 'worksheet', 'xlsx_sheet_unzipped_bytes', parser, sink, () => {
      const w = wantDrain;
      wantDrain = false;
      return w;
    });
  } finally {
    zip.close();
  }
}
