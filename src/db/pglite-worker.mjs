// Worker thread that owns the embedded PGlite database, so its synchronous WASM work never
// blocks the server's event loop. Protocol: {id, type, ...} in, {id, ok, result | error} out.
import { parentPort, workerData } from 'node:worker_threads';
import { handleRequest, openPglite, serializeError } from './pglite-engine.mjs';

const port = parentPort;
if (!port) throw new Error('pglite-worker must run in a worker thread');

let db;
try {
  const loadDataDir = workerData.loadDataDir ? new Blob([workerData.loadDataDir]) : undefined;
  db = await openPglite({ dataDir: workerData.dataDir, loadDataDir, sharedBuffers: workerData.sharedBuffers });
  // NOTIFYs the session receives (it LISTENs on behalf of the server) go to the server thread.
  db.onNotification((channel, payload) => port.postMessage({ notification: { channel, payload } }));
  port.postMessage({ id: 0, ok: true, result: { ready: true } });
} catch (err) {
  port.postMessage({ id: 0, ok: false, error: serializeError(err) });
}

// Requests arrive one at a time from the single-session pool, but queue them anyway.
let chain = Promise.resolve();
port.on('message', (req) => {
  chain = chain.then(async () => {
    try {
      const result = await handleRequest(db, req);
      port.postMessage({ id: req.id, ok: true, result });
      if (req.type === 'close') port.close();
    } catch (err) {
      port.postMessage({ id: req.id, ok: false, error: serializeError(err) });
    }
  });
});
