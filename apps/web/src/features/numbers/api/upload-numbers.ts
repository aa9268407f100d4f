import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { AddNumbersResponse } from '@dialdeck/contracts/numbers';
import { ApiError, INVALID_RESPONSE, NETWORK_ERROR, authHeaders, buildUrl, failedResponseError } from '../../../lib/api-client';
import { numbersKeys } from './list-numbers';

export interface UploadOptions {
  company?: string;
  /** Bytes sent so far and the request's size, as the browser reports them. */
  onProgress: (loaded: number, total: number) => void;
  /** All bytes are sent; the server is reading and storing the file now. */
  onSent: () => void;
  signal: AbortSignal;
}

/**
 * POST /api/numbers/upload with XMLHttpRequest, because fetch cannot report upload
 * progress; errors become the same ApiError that apiRequest throws.
 */
export function uploadNumbersFile(file: File, options: UploadOptions): Promise<AddNumbersResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const hadToken = 'Authorization' in authHeaders();
    xhr.open('POST', buildUrl('/api/numbers/upload', { company: options.company }));
    for (const [name, value] of Object.entries({ Accept: 'application/json', ...authHeaders() })) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';

    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded, event.total);
    };
    xhr.upload.onload = () => options.onSent();

    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's HTML error page, say): handled below by status.
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(failedResponseError(xhr.status, xhr.statusText, json, hadToken));
        return;
      }
      const parsed = AddNumbersResponse.safeParse(json);
      if (parsed.success) resolve(parsed.data);
      else reject(new ApiError(xhr.status, INVALID_RESPONSE, 'unexpected response'));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'network error'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));

    if (options.signal.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    options.signal.addEventListener('abort', () => xhr.abort(), { once: true });

    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; percent: number; loaded: number; total: number }
  | { phase: 'processing' }
  | { phase: 'done'; result: AddNumbersResponse }
  | { phase: 'error'; error: unknown };

/** One upload at a time, with its phase for the dialog: uploading (percent) → processing → done or error. */
export function useUploadNumbers() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    async (file: File, company: string | undefined) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setState({ phase: 'uploading', percent: 0, loaded: 0, total: file.size });
      try {
        const result = await uploadNumbersFile(file, {
          company,
          signal: abort.signal,
          onProgress: (loaded, total) => {
            if (!abort.signal.aborted) setState({ phase: 'uploading', percent: total > 0 ? (loaded / total) * 100 : 0, loaded, total });
          },
          onSent: () => {
            if (!abort.signal.aborted) setState({ phase: 'processing' });
          },
        });
        if (abort.signal.aborted) return;
        setState({ phase: 'done', result });
        if (result.added > 0) void queryClient.invalidateQueries({ queryKey: numbersKeys.all });
      } catch (error) {
        if (abort.signal.aborted) return;
        setState({ phase: 'error', error });
      }
    },
    [queryClient],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setState({ phase: 'idle' });
  }, []);

  // Closing the page mid-upload stops it.
  useEffect(() => () => controller.current?.abort(), []);

  return { state, start, cancel, reset: cancel };
}
