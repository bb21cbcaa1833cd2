// BullMQ loads a sandboxed processor with import() in a child process. The service is TypeScript
// run by tsx, and the child may not have been started with tsx's hooks (under jest it is not),
// so it registers them before loading the processor.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim is what BullMQ loads */
require('tsx/cjs');
module.exports = require('./assemble-processor.ts');
