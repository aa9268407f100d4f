import { Readable } from 'node:stream';
import yazl from 'yazl';

/** A part's content: text, bytes, or a stream for parts too big to hold (zip bombs). */
export type PartContent = string | Buffer | (() => Readable);

/** A zip of these parts, deflated. */
export function zipParts(parts: Record<string, PartContent>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(parts)) {
    if (typeof content === 'function') zip.addReadStream(content(), name);
    else zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content), name);
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A hand-made XLSX: the least a valid workbook holds. `sheetData` is the XML inside
 * `<sheetData>`; `sharedStrings`, when given, is the XML inside `<sst>` (or a stream of a
 * whole shared-strings part, for bombs).
 */
export function handMadeXlsx(opts: { sheetData: PartContent; sharedStrings?: PartContent; prefix?: string }): Promise<Buffer> {
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const ns = opts.prefix ? `xmlns:${opts.prefix}="${NS}"` : `xmlns="${NS}"`;
  const wrap = (open: string, close: string, inner: PartContent): PartContent =>
    typeof inner === 'function' ? inner : typeof inner === 'string' ? `${open}${inner}${close}` : inner;
  const parts: Record<string, PartContent> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${REL}"><${p}sheets><${p}sheet name="Sheet1" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      (opts.sharedStrings !== undefined ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
      '</Relationships>',
    'xl/worksheets/sheet1.xml': wrap(
      `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>`,
      `</${p}sheetData></${p}worksheet>`,
      opts.sheetData,
    ),
  };
  if (opts.sharedStrings !== undefined) {
    parts['xl/sharedStrings.xml'] = wrap(`<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns}>`, `</${p}sst>`, opts.sharedStrings);
  }
  return zipParts(parts);
}

/** A stream of `head`, then `body(i)` for i in [0, count), then `tail`, produced as read (never held whole). */
export function repeated(head: string, body: (i: number) => string, count: number, tail: string): () => Readable {
  return () =>
    Readable.from(
      (function* () {
        yield head;
        const chunk = 4096;
        for (let i = 0; i < count; i += chunk) {
          let s = '';
          for (let j = i; j < Math.min(count, i + chunk); j++) s += body(j);
          yield s;
        }
        yield tail;
      })(),
    );
}

/** The first bytes of a PNG image, for files of the wrong type with a right extension. */
export const PNG_BYTES = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  Buffer.alloc(200, 7),
]);
