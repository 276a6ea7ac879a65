import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server on port 0 for the ingest tests; `close` it in afterAll. */
export async function startTestServer(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Lets unpdf run under jest. unpdf's CommonJS build loads pdf.js with a dynamic `import()` of
 * `unpdf/pdfjs` (an ES module), which jest's CommonJS runtime cannot do without
 * --experimental-vm-modules; Node itself (the running backend) can. Tests that parse PDFs call
 * this once first: it hands unpdf the same pdf.js bundle through jest's `require` (which
 * transpiles the .mjs). Production code does not call it.
 */
export async function usePdfjsUnderJest(): Promise<void> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const unpdf = require('unpdf');
  const path = require('node:path');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const bundle = path.join(path.dirname(require.resolve('unpdf')), 'pdfjs.mjs');
  await unpdf.definePDFJSModule(async () => require(bundle));
}
