import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type { RowSink } from './row-sink';
import { amount, limitExceeded, unreadableFile, type TabularLimits } from './tabular-limits';

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Refuses what is not text before parsing it: a zip (an XLSX named .csv), an image, any file with NUL bytes. */
async function sniff(file: string): Promise<'utf8' | 'utf16le'> {
  const fd = await open(file, 'r');
  try {
    const head = Buffer.alloc(8192);
    const { bytesRead } = await fd.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le'; // Excel's "Unicode text"
    if (ZIP.every((b, i) => bytes[i] === b)) {
      throw unreadableFile('The file is a zip archive (perhaps an XLSX workbook), not CSV text. Nothing was imported.');
    }
    if (bytes.includes(0)) throw unreadableFile('The file is not CSV text (it holds binary data). Nothing was imported.');
    return 'utf8';
  } finally {
    await fd.close();
  }
}

/** Streams a CSV (comma, semicolon or tab separated) record by record. */
export async function readCsvRows(file: string, limits: TabularLimits, sink: RowSink): Promise<void> {
  const encoding = await sniff(file);
  const input = createReadStream(file);
  const parser = input.pipe(
    parse({
      bom: true,
      encoding,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      delimiter: [',', ';', '\t'],
      max_record_size: limits.csv_line_chars,
    }),
  );
  input.on('error', (e) => parser.destroy(e));
  let line = 0;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      line++;
      if (line > limits.rows) throw limitExceeded('rows', `The file has more than ${amount(limits, 'rows')} rows`);
      if (row.length > limits.row_cells) {
        throw limitExceeded('row_cells', `Line ${line} has more than ${amount(limits, 'row_cells')} cells`);
      }
      for (const cell of row) {
        if (cell.length > limits.cell_chars) {
          throw limitExceeded('cell_chars', `A cell on line ${line} is longer than ${amount(limits, 'cell_chars')} characters`);
        }
      }
      if (sink.row(line, row)) await sink.drain();
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw limitExceeded('csv_line_chars', `Line ${line + 1} is longer than ${amount(limits, 'csv_line_chars')} characters`);
    }
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      throw unreadableFile(`The CSV file could not be read near line ${line + 1} (check its quotes). Nothing was imported.`);
    }
    throw e;
  } finally {
    input.destroy();
  }
}
