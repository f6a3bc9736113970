// Runs autocannon in a worker thread, so that the load generator does not share the server's event
// loop, and keeps every response time (autocannon's own histogram rounds to whole milliseconds).
// Plain JavaScript: worker threads do not inherit tsx's loader. Each message { connections,
// duration } or { connections, amount } starts one run against workerData's url and is answered
// with a LoadReply (see bench.measure.ts); `null` ends the worker.
import { parentPort, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const { url, cookie } = workerData;

function run({ connections, duration, amount }) {
  const latencies = [];
  let failures = 0;
  const started = performance.now();
  const limit = amount ? { amount } : { duration };
  const instance = autocannon({ url, connections, ...limit, headers: { cookie } }, (error, result) => {
    if (error) throw error;
    const reply = {
      latencies: Float64Array.from(latencies),
      requests: latencies.length + failures,
      seconds: (performance.now() - started) / 1000,
      failures,
      errors: result.errors + result.timeouts,
    };
    parentPort.postMessage(reply, [reply.latencies.buffer]);
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode === 200) latencies.push(responseTime);
    else failures++;
  });
}

parentPort.on('message', (message) => {
  if (message === null) parentPort.close();
  else run(message);
});
