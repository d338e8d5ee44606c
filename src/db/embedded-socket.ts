import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler } from '@electric-sql/pglite-socket';
import type { Mutex } from './mutex.js';

/** pg clients find a Unix socket as `<dir>/.s.PGSQL.<port>`. */
export const SOCKET_PORT = 5432;

/** The running server's backup socket, beside its database socket: `hearth backup` connects to it. */
export const BACKUP_SOCKET = 'hearth-backup.sock';

/**
 * What the server does when the CLI connects to its backup socket: it waits its turn for the database (no request's
 * transaction is then open), checkpoints, and sends the data folder as a gzipped tarball, then closes the connection.
 * A failure closes it with nothing sent, which the CLI reports.
 */
async function sendBackup(pglite: PGlite, mutex: Mutex, socket: net.Socket): Promise<void> {
  const release = await mutex.acquire();
  let tarball: Blob;
  try {
    await pglite.exec('CHECKPOINT');
    tarball = await pglite.dumpDataDir('gzip');
  } finally {
    release();
  }
  socket.end(Buffer.from(await tarball.arrayBuffer()));
}

/**
 * Serves the server's embedded database to the `hearth` CLI over a Unix socket readable only by
 * this user. A CLI connection holds the application's database mutex from connect to disconnect,
 * so its statements and transactions never interleave with the server's own.
 */
export async function serveEmbeddedSocket(
  pglite: PGlite,
  mutex: Mutex,
  preferredDir: string,
): Promise<{ socketDir: string; stop: () => Promise<void> }> {
  // Unix socket paths are limited to ~107 bytes; a deep data folder gets a short private folder instead.
  const socketDir =
    Buffer.byteLength(path.join(preferredDir, `.s.PGSQL.${SOCKET_PORT}`)) > 100
      ? fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-sock-'))
      : preferredDir;
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  fs.rmSync(socketPath, { force: true });
  const queryQueue = {
    enqueue: (_id: number, message: Uint8Array, onData: (data: Uint8Array) => void) =>
      pglite.runExclusive(() => pglite.execProtocolRawStream(message, { onRawData: onData })),
    clearQueueForHandler: () => {},
    clearTransactionIfNeeded: async () => {
      if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
    },
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    void (async () => {
      const release = await mutex.acquire();
      let released = false;
      const done = () => {
        if (!released) {
          released = true;
          sockets.delete(socket);
          release();
        }
      };
      socket.once('close', done);
      if (socket.destroyed) return done();
      const handler = new PGLiteSocketHandler({
        queryQueue: queryQueue as unknown as ConstructorParameters<typeof PGLiteSocketHandler>[0]['queryQueue'],
        closeOnDetach: true,
        idleTimeout: 30_000,
      });
      await handler.attach(socket).catch(() => socket.destroy());
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  const backupPath = path.join(socketDir, BACKUP_SOCKET);
  fs.rmSync(backupPath, { force: true });
  const backups = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    sendBackup(pglite, mutex, socket).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    backups.once('error', reject);
    backups.listen(backupPath, () => resolve());
  });
  fs.chmodSync(backupPath, 0o600);
  const stop = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => backups.close(() => resolve()));
    fs.rmSync(socketPath, { force: true });
    fs.rmSync(backupPath, { force: true });
    if (socketDir !== preferredDir) fs.rmSync(socketDir, { recursive: true, force: true });
  };
  return { socketDir, stop };
}
