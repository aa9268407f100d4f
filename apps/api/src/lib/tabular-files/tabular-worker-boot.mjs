// Worker threads do not inherit the TypeScript loader that `npm start` registers in the
// main thread, so the worker registers it before loading its TypeScript entry.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
