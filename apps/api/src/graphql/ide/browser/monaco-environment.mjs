/* global Worker */
// Monaco runs its language services in web workers. They are bundled as files of their own next to the
// page (build.mjs), so the browser loads them from this server, never from another host.
globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === 'json') return new Worker('/graphql/ide/json.worker.js');
    if (label === 'graphql') return new Worker('/graphql/ide/graphql.worker.js');
    return new Worker('/graphql/ide/editor.worker.js');
  },
};
