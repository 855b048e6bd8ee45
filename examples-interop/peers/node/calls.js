'use strict';
// The call helpers client.js's cases are written with: calls as promises, a streaming
// call's replies and status as a record, the spec's checks, the bounded soak loop.
const assert = require('assert/strict');
const { grpc, zeros } = require('./contract');

const BOUND_MS = 30000; // every call's deadline, so every case ends by itself

const deadline = (ms = BOUND_MS) => ({ deadline: Date.now() + ms });
const largeRequest = extra => ({ response_size: 314159, payload: zeros(271828), ...extra });

function unary(client, method, request, metadata = new grpc.Metadata(), options = deadline()) {
  return new Promise((resolve, reject) => {
    let headers; let reply; let error;
    const call = client[method](request, metadata, options, (e, r) => { error = e; reply = r; });
    call.on('metadata', m => { headers = m; });
    // grpc-js emits 'status' (which carries the trailers) right after the callback.
    call.on('status', s => (error ? reject(error) : resolve({ reply, headers, trailers: s.metadata })));
  });
}

async function failsWith(code, promise, what) {
  const outcome = await promise.then(() => 'OK', e => e.code);
  assert.equal(outcome, code, `${what}: expected status ${code}, got ${outcome}`);
}

function checkLarge(reply) {
  assert.equal(reply.payload.body.length, 314159, 'reply payload size');
  assert.ok(reply.payload.body.every(b => b === 0), 'reply payload is not all zeros');
}

// A streaming call's replies, headers, trailers and final status, as promises.
function record(call) {
  const out = { replies: [], waiters: [] };
  call.on('metadata', m => { out.headers = m; });
  call.on('data', r => { out.replies.push(r); out.waiters.splice(0).forEach(w => w()); });
  out.status = new Promise(resolve => {
    call.on('status', s => { out.trailers = s.metadata; resolve(s); });
    call.on('error', () => {}); // the status event carries the outcome
  });
  out.nth = n => new Promise(resolve => {
    const check = () => (out.replies.length >= n ? resolve(out.replies[n - 1]) : out.waiters.push(check));
    check();
  });
  return out;
}

function streamingInput(client, sizesAndFlags, options = deadline()) {
  return new Promise((resolve, reject) => {
    const call = client.StreamingInputCall(options, (e, reply) => (e ? reject(e) : resolve(reply)));
    for (const [message, flags] of sizesAndFlags) call.write(message, flags);
    call.end();
  });
}

// large_unary over and over, each call within the latency bound, the whole within its time.
async function soak({ soakFlags }, clients, fresh) {
  const { iterations, maxFailures, latencyMs, overallMs } = soakFlags;
  const end = Date.now() + overallMs;
  const failures = [];
  let done = 0;
  for (; done < iterations && Date.now() < end; done++) {
    const client = clients();
    const start = Date.now();
    try {
      checkLarge((await unary(client, 'UnaryCall', largeRequest())).reply);
      if (Date.now() - start > latencyMs) failures.push(`call ${done} took ${Date.now() - start} ms`);
    } catch (e) {
      failures.push(`call ${done}: ${e.message}`);
    } finally {
      if (fresh) client.close();
    }
  }
  assert.ok(failures.length <= maxFailures, `${failures.length} of ${done} calls failed: ${failures.slice(0, 3)}`);
  assert.equal(done, iterations, `iterations done within ${overallMs} ms`);
}

module.exports = { BOUND_MS, deadline, largeRequest, unary, failsWith, checkLarge, record, streamingInput, soak };
