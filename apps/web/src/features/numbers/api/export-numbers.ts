import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportNumbersRequest } from '@dialdeck/contracts/numbers';
import { ApiError, NETWORK_ERROR, authHeaders, buildUrl, failedResponseError } from '../../../lib/api-client';

export interface ExportProgress {
  /** Bytes of the file received so far. */
  received: number;
  /** The file's size when the server sends Content-Length (a streamed export usually does not). */
  size: number | undefined;
  /** Rows in the export, from the x-total-count header. */
  rows: number | undefined;
}

export interface ExportedFile {
  blob: Blob;
  filename: string;
  rows: number | undefined;
}

/** `attachment; filename="numbers-acme-2026-01-01.xlsx"` (or filename*=UTF-8''…) → the name. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // A malformed encoding: try the plain parameter.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/**
 * POST /api/numbers/export, read as a stream so the dialog can show the bytes as they
 * arrive; the chunks become one Blob at the end. Aborting the signal stops the download.
 */
export async function exportNumbers(
  body: ExportNumbersRequest,
  options: { company?: string; signal: AbortSignal; onProgress: (progress: ExportProgress) => void },
): Promise<ExportedFile> {
  const headers = { 'Content-Type': 'application/json', ...authHeaders() };
  let response: Response;
  try {
    response = await fetch(buildUrl('/api/numbers/export', { company: options.company }), {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, 'network error');
  }
  if (!response.ok) {
    throw failedResponseError(response.status, response.statusText, await response.json().catch(() => null), 'Authorization' in headers);
  }

  const rowsHeader = Number(response.headers.get('x-total-count'));
  const sizeHeader = Number(response.headers.get('content-length'));
  const rows = response.headers.has('x-total-count') && Number.isFinite(rowsHeader) ? rowsHeader : undefined;
  const size = sizeHeader > 0 ? sizeHeader : undefined;
  const type = response.headers.get('content-type') ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const filename = filenameFromDisposition(response.headers.get('content-disposition'), 'numbers.xlsx');

  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  options.onProgress({ received, size, rows });
  if (!response.body) {
    const blob = await response.blob();
    options.onProgress({ received: blob.size, size: blob.size, rows });
    return { blob, filename, rows };
  }
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      options.onProgress({ received, size, rows });
    }
  } catch (cause) {
    if (options.signal.aborted) throw new DOMException('The export was cancelled.', 'AbortError');
    // The server ends the stream early when the export fails part-way.
    throw cause instanceof ApiError ? cause : new ApiError(0, NETWORK_ERROR, 'the download was interrupted');
  } finally {
    reader.releaseLock();
  }
  return { blob: new Blob(chunks, { type }), filename, rows };
}

/** Hands a Blob to the browser as a download through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; give it a moment before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export type ExportState = { phase: 'idle' } | ({ phase: 'running' } & ExportProgress) | { phase: 'error'; error: unknown };

export function useExportNumbers() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  /** Resolves with what was saved, or null when it was cancelled or failed (the state tells which). */
  const start = useCallback(async (body: ExportNumbersRequest, company: string | undefined): Promise<Omit<ExportedFile, 'blob'> | null> => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: 'running', received: 0, size: undefined, rows: undefined });
    try {
      const file = await exportNumbers(body, {
        company,
        signal: abort.signal,
        onProgress: (progress) => {
          if (!abort.signal.aborted) setState({ phase: 'running', ...progress });
        },
      });
      if (abort.signal.aborted) return null;
      saveBlob(file.blob, file.filename);
      setState({ phase: 'idle' });
      return { filename: file.filename, rows: file.rows };
    } catch (error) {
      if (!abort.signal.aborted) setState({ phase: 'error', error });
      return null;
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ phase: 'idle' });
  }, []);

  useEffect(() => () => controller.current?.abort(), []);

  return { state, start, cancel };
}
