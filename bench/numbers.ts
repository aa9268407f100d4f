import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import pg from 'pg';
import { openPostgres } from '../apps/api/src/db/client';
import { migrate } from '../apps/api/src/db/migrate';
import { machine, writeResults } from './lib/environment';
import { ADMIN, ensureDataset } from './lib/dataset';
import yazl from 'yazl';
import { latencyProbe, mb, ms, rssSampler, time, type Timing } from './lib/measure';
import { benchDatabase, startApi } from './lib/servers';

const UPLOAD_ROWS = Number(process.env.BENCH_UPLOAD_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

async function login(api: string): Promise<string> {
  const r = await fetch(`${api}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!r.ok) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { access_token: string }).access_token;
}

async function getJson(url: string, token: string): Promise<unknown> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
  return r.json();
}

/** A CSV of `rows` fresh Irancell numbers (0935…), a header, and 1% repeats. */
function writeUploadCsv(rows: number): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dialdeck-bench-')), 'upload.csv');
  const out: string[] = ['phone'];
  for (let i = 0; i < rows; i++) out.push(i % 100 === 99 ? `0935${String(i - 1).padStart(7, '0')}` : `0935${String(i).padStart(7, '0')}`);
  writeFileSync(file, out.join('\n') + '\n');
  return file;
}

/** The same shape as an XLSX: a header and `rows` fresh numbers (0936…, 1% repeats), as shared strings like Excel writes them. */
async function writeUploadXlsx(rows: number): Promise<string> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'dialdeck-bench-')), 'upload.xlsx');
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const pkgRels = 'http://schemas.openxmlformats.org/package/2006/relationships';
  const phone = (i: number) => `0936${String(i % 100 === 99 ? i - 1 : i).padStart(7, '0')}`;
  const zip = new yazl.ZipFile();
  const part = (name: string, xml: string) => zip.addBuffer(Buffer.from(xml), name);
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  part(
    '[Content_Types].xml',
    `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  part(
    '_rels/.rels',
    `${xml}<Relationships xmlns="${pkgRels}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  part(
    'xl/workbook.xml',
    `${xml}<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  part(
    'xl/_rels/workbook.xml.rels',
    `${xml}<Relationships xmlns="${pkgRels}"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  // Shared string i + 1 is row i's phone; 0 is the header.
  const chunks = function* (head: string, body: (i: number) => string, tail: string) {
    yield head;
    for (let i = 0; i < rows; i += 10_000) {
      let s = '';
      for (let j = i; j < Math.min(rows, i + 10_000); j++) s += body(j);
      yield s;
    }
    yield tail;
  };
  zip.addReadStream(
    Readable.from(
      chunks(
        `${xml}<sst xmlns="${ns}" count="${rows + 1}" uniqueCount="${rows + 1}"><si><t>phone</t></si>`,
        (i) => `<si><t>${phone(i)}</t></si>`,
        '</sst>',
      ),
    ),
    'xl/sharedStrings.xml',
  );
  zip.addReadStream(
    Readable.from(
      chunks(
        `${xml}<worksheet xmlns="${ns}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>`,
        (i) => `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i + 1}</v></c></row>`,
        '</sheetData></worksheet>',
      ),
    ),
    'xl/worksheets/sheet1.xml',
  );
  zip.end();
  const out = createWriteStream(file);
  zip.outputStream.pipe(out);
  await once(out, 'finish');
  return file;
}

/** Streams the file as multipart/form-data (never read whole) and waits for the answer. */
function upload(api: string, token: string, file: string): Promise<{ status: number; body: string }> {
  const boundary = '----dialdeckbench';
  const type = file.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(file).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = http.request(`${api}/api/numbers/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.write(head);
    const s = createReadStream(file);
    s.pipe(req, { end: false });
    s.on('end', () => req.end(tail));
  });
}

/** Downloads the export to a file, counting bytes. */
async function exportXlsx(
  api: string,
  token: string,
  body: object,
  to: string,
): Promise<{ status: number; bytes: number; rows: string | null }> {
  const r = await fetch(`${api}/api/numbers/export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const out = createWriteStream(to);
  let bytes = 0;
  for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { status: r.status, bytes, rows: r.headers.get('x-total-count') };
}

// The seed's query shape: the latest result of each number for the company found by a
// subquery on call_results (max id), filtered by its status.
const SEED_LIST = `
  SELECT n.id, n.phone_number, cr.status, cr.attempted_at, cr.user_message, cr.agent_id
  FROM numbers n
  JOIN call_results cr ON cr.id = (SELECT max(c2.id) FROM call_results c2 WHERE c2.number_id = n.id AND c2.company_id = $1)
  WHERE cr.status = 'MISSED'
  ORDER BY cr.attempted_at DESC, n.id DESC
  LIMIT 50 OFFSET $2`;
const SEED_COUNT = `
  SELECT count(*) FROM numbers n
  JOIN call_results cr ON cr.id = (SELECT max(c2.id) FROM call_results c2 WHERE c2.number_id = n.id AND c2.company_id = $1)
  WHERE cr.status = 'MISSED'`;

export async function benchNumbers(): Promise<void> {
  const started = Date.now();
  const { url, server } = await benchDatabase();
  const handle = openPostgres(url, { max: 2 });
  await migrate(handle.db);
  await handle.close();
  const { companyIds } = await ensureDataset(url);
  const sqlClient = new pg.Client({ connectionString: url });
  await sqlClient.connect();
  const pgVersion = (await sqlClient.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v.split(' on ')[0]!;
  // Start from the generated pool: remove what an earlier run uploaded.
  await sqlClient.query(`DELETE FROM numbers WHERE phone_number LIKE '0935%' OR phone_number LIKE '0936%'`);

  const api = await startApi(url, 18_900 + Math.floor(Math.random() * 90));
  const rss = rssSampler(api.pid);
  const results: string[] = [];
  try {
    const token = await login(api.url);
    const base = `${api.url}/api/numbers`;

    console.log('Measuring list and count over HTTP…');
    const page1 = await time(() => getJson(`${base}?status=MISSED&sort_by=last_attempt_at&sort_order=desc&limit=50`, token), RUNS);
    const page200 = await time(
      () => getJson(`${base}?status=MISSED&sort_by=last_attempt_at&sort_order=desc&limit=50&skip=9950`, token),
      RUNS,
    );
    const count = await time(() => getJson(`${base}/stats?status=MISSED`, token), RUNS);
    const countDated = await time(() => getJson(`${base}/stats?status=MISSED&start_date=2000-01-01`, token), Math.min(RUNS, 10));
    const inQueue = await time(() => getJson(`${base}?status=IN_QUEUE&limit=50`, token), RUNS);
    const poolByAttempt = await time(() => getJson(`${base}?sort_by=last_attempt_at&sort_order=desc&limit=50&skip=9950`, token), RUNS);
    const missed = ((await getJson(`${base}/stats?status=MISSED`, token)) as { total: number }).total;

    console.log("Measuring the seed's query shape (SQL only, 3 runs each)…");
    const seedPage1 = await time(() => sqlClient.query(SEED_LIST, [companyIds.alpha, 0]), 3, 1);
    const seedPage200 = await time(() => sqlClient.query(SEED_LIST, [companyIds.alpha, 9950]), 3, 0);
    const seedCount = await time(() => sqlClient.query(SEED_COUNT, [companyIds.alpha]), 3, 0);

    // Each upload runs with /api/health probed beside it: what every other tenant sees meanwhile.
    const measuredUpload = async (file: string) => {
      rss.start();
      const probe = latencyProbe(`${api.url}/api/health`);
      const t0 = performance.now();
      const up = await upload(api.url, token, file);
      const took = performance.now() - t0;
      const health = await probe.stop();
      const peak = rss.stop();
      rmSync(path.dirname(file), { recursive: true, force: true });
      if (up.status !== 200) throw new Error(`upload failed: ${up.status} ${up.body}`);
      return { ms: took, rss: peak, health, body: JSON.parse(up.body) as { added: number; duplicates: number; invalid: number } };
    };
    console.log(`Uploading a ${UPLOAD_ROWS.toLocaleString('en')}-row CSV…`);
    const csvUp = await measuredUpload(writeUploadCsv(UPLOAD_ROWS));
    console.log(`Uploading a ${UPLOAD_ROWS.toLocaleString('en')}-row XLSX…`);
    const xlsxUp = await measuredUpload(await writeUploadXlsx(UPLOAD_ROWS));

    console.log('Exporting all of the company’s called numbers…');
    rss.start();
    const t1 = performance.now();
    const exportFile = path.join(tmpdir(), 'dialdeck-bench-export.xlsx');
    const exp = await exportXlsx(api.url, token, { select_all: true, start_date: '2000-01-01' }, exportFile);
    rmSync(exportFile, { force: true });
    const exportMs = performance.now() - t1;
    const exportRss = rss.stop();
    if (exp.status !== 200) throw new Error(`export failed: ${exp.status}`);

    const uploadRow = (what: string, u: Awaited<ReturnType<typeof measuredUpload>>, target: string) =>
      `| upload a ${UPLOAD_ROWS.toLocaleString('en')}-row ${what} (multipart, parsed in a worker; answer: ${u.body.added.toLocaleString('en')} added, ${u.body.duplicates.toLocaleString('en')} duplicates, ${u.body.invalid} invalid) | ${(u.ms / 1000).toFixed(1)} s | ${mb(u.rss)} | ${ms(u.health.p50)} / ${ms(u.health.p99)} / ${ms(u.health.max)} (${u.health.count}${u.health.failed ? `, ${u.health.failed} failed` : ''}) | ${target} |`;
    const row = (label: string, t: Timing, target: string) => `| ${label} | ${ms(t.median)} | ${ms(t.p95)} | ${t.runs} | ${target} |`;
    /** A report section: its heading and the head of its table. */
    const section = (title: string, columns: string[]) => [
      `## ${title}`,
      '',
      `| ${columns.join(' | ')} |`,
      `| ${columns.map(() => '---').join(' | ')} |`,
    ];
    const ratio = (seed: Timing, ours: Timing) => `${Math.round(seed.median / ours.median).toLocaleString('en')}×`;
    results.push(
      '# Number pool benchmark',
      '',
      `Command: \`npm run bench -- numbers\` (data generated in a PostgreSQL 15 server the benchmark starts, durable settings; set \`BENCH_DATABASE_URL\` to use another).`,
      '',
      machine(pgVersion),
      '',
      `Dataset: 2,000,000 numbers, 3,000,000 call results over 90 days, 3 companies (alpha: 1.5M results on 1.06M numbers; ${missed.toLocaleString('en')} of its numbers are MISSED). Measured as company alpha's admin, over HTTP against the API server process (keep-alive, one client).`,
      '',
      ...section('List and count (HTTP, end to end)', ['request', 'median', 'p95', 'runs', 'target']),
      row('list MISSED, sorted by last attempt, page 1', page1, '≤ 20 ms median'),
      row('list MISSED, sorted by last attempt, page 200 (skip 9,950)', page200, '≤ 50 ms'),
      row('count MISSED (`/stats?status=MISSED`)', count, '≤ 50 ms'),
      row('count MISSED with a date range (index scan, no counter)', countDated, '—'),
      row('list IN_QUEUE, page 1', inQueue, '—'),
      row('whole pool sorted by last attempt, page 200', poolByAttempt, '—'),
      '',
      ...section("The seed's query shape, same data, same run (SQL only, no HTTP)", ['query', 'median', 'runs', 'ours (HTTP)', 'ratio']),
      `| list MISSED page 1 (latest result per number by max(id) subquery) | ${ms(seedPage1.median)} | ${seedPage1.runs} | ${ms(page1.median)} | ${ratio(seedPage1, page1)} |`,
      `| list MISSED page 200 | ${ms(seedPage200.median)} | ${seedPage200.runs} | ${ms(page200.median)} | ${ratio(seedPage200, page200)} |`,
      `| count MISSED | ${ms(seedCount.median)} | ${seedCount.runs} | ${ms(count.median)} | ${ratio(seedCount, count)} |`,
      '',
      'Target: ours ≥ 100× faster than the seed shape.',
      '',
      ...section('Upload and export', ['work', 'time', 'server peak RSS', '`/api/health` meanwhile: p50 / p99 / max (requests)', 'target']),
      uploadRow('CSV', csvUp, '≤ 20 s, ≤ 400 MB; health p99 ≤ 100 ms'),
      uploadRow('XLSX (shared strings)', xlsxUp, 'health p99 ≤ 100 ms'),
      `| export ${Number(exp.rows).toLocaleString('en')} rows to XLSX (streamed, ${mb(exp.bytes)} file) | ${(exportMs / 1000).toFixed(1)} s | ${mb(exportRss)} | — | streamed, ≤ 400 MB |`,
      '',
      `Server RSS at the end: ${mb(rss.now())}. Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
    writeResults('numbers', results);
  } finally {
    await sqlClient.query(`DELETE FROM numbers WHERE phone_number LIKE '0935%' OR phone_number LIKE '0936%'`).catch(() => undefined);
    await sqlClient.end();
    await api.stop();
    server?.stop();
  }
}
