'use strict';
// grpc.testing.TestService on @grpc/grpc-js, for the Java client to run the interop cases
// against:  node server.js --port=0 [--max_concurrent_streams=1]
// Prints "listening on 127.0.0.1:PORT" once it accepts calls (port 0 picks a free one).
//
// What grpc-js cannot do, so this server does not pretend to:
// - CompressedRequest: grpc-js decompresses before the handler and strips grpc-encoding, so
//   a handler cannot tell whether a request was compressed; expect_compressed is ignored.
// - CompressedResponse: the grpc-js server never compresses replies (server-interceptors.js:
//   "response compression is currently not supported"); response_compressed is ignored.
const { grpc, loadContract, parseFlags, zeros, ECHO_INITIAL, ECHO_TRAILING } = require('./contract');

// Echo Metadata: initial value back in the headers, trailing value back in the trailers.
function echoMetadata(call) {
  const initial = call.metadata.get(ECHO_INITIAL);
  if (initial.length > 0) {
    const headers = new grpc.Metadata();
    headers.set(ECHO_INITIAL, initial[0]);
    call.sendMetadata(headers);
  }
  const trailers = new grpc.Metadata();
  const trailing = call.metadata.get(ECHO_TRAILING);
  if (trailing.length > 0) trailers.set(ECHO_TRAILING, trailing[0]);
  return trailers;
}

function echoedError(status, trailers) {
  return { code: status.code, details: status.message, metadata: trailers };
}

function isError(status) {
  return status && status.code !== 0;
}

function unaryCall(call, callback) {
  const trailers = echoMetadata(call);
  const request = call.request;
  if (isError(request.response_status)) {
    callback(echoedError(request.response_status, trailers));
    return;
  }
  callback(null, { payload: zeros(request.response_size) }, trailers);
}

// Writes one reply per ResponseParameters, in order, each after its interval_us, waiting
// for 'drain' when grpc-js says its buffer is full (flow control). Returns when all are out
// or the client cancelled.
async function writeReplies(call, params) {
  for (const p of params) {
    if (call.cancelled) return;
    if (p.interval_us > 0) await new Promise(r => setTimeout(r, p.interval_us / 1000));
    if (!call.write({ payload: zeros(p.size) })) {
      await new Promise(r => call.once('drain', r));
    }
  }
}

async function streamingOutputCall(call) {
  const trailers = echoMetadata(call);
  await writeReplies(call, call.request.response_parameters);
  if (isError(call.request.response_status)) call.emit('error', echoedError(call.request.response_status, trailers));
  else call.end(trailers);
}

function streamingInputCall(call, callback) {
  const trailers = echoMetadata(call);
  let total = 0;
  call.on('data', request => { total += request.payload ? request.payload.body.length : 0; });
  call.on('end', () => callback(null, { aggregated_payload_size: total }, trailers));
  call.on('error', () => {}); // the client went away
}

function fullDuplexCall(call) {
  const trailers = echoMetadata(call);
  let chain = Promise.resolve(); // replies keep the order of the requests
  let ended = false;
  call.on('data', request => {
    chain = chain.then(async () => {
      if (ended) return;
      await writeReplies(call, request.response_parameters);
      if (isError(request.response_status)) {
        ended = true;
        call.emit('error', echoedError(request.response_status, trailers));
      }
    });
  });
  call.on('end', () => {
    chain = chain.then(() => { if (!ended) { ended = true; call.end(trailers); } });
  });
  call.on('error', () => {});
}

function halfDuplexCall(call) {
  const trailers = echoMetadata(call);
  const params = [];
  call.on('data', request => params.push(...request.response_parameters));
  call.on('end', async () => { await writeReplies(call, params); call.end(trailers); });
  call.on('error', () => {});
}

function main() {
  const flags = parseFlags(process.argv.slice(2));
  const options = {};
  if (flags.max_concurrent_streams) {
    options['grpc.max_concurrent_streams'] = Number(flags.max_concurrent_streams);
  }
  const testing = loadContract();
  const server = new grpc.Server(options);
  // UnimplementedCall is left out on purpose: grpc-js answers it UNIMPLEMENTED.
  server.addService(testing.TestService.service, {
    EmptyCall: (call, callback) => { callback(null, {}, echoMetadata(call)); },
    UnaryCall: unaryCall,
    StreamingOutputCall: streamingOutputCall,
    StreamingInputCall: streamingInputCall,
    FullDuplexCall: fullDuplexCall,
    HalfDuplexCall: halfDuplexCall,
  });
  server.bindAsync(`127.0.0.1:${flags.port || 0}`, grpc.ServerCredentials.createInsecure(),
    (error, port) => {
      if (error) { console.error(error.message); process.exit(1); }
      console.log(`listening on 127.0.0.1:${port}`);
    });
  const stop = () => server.tryShutdown(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
