'use strict';
// The interop cases on @grpc/grpc-js, run against any grpc.testing server:
//   node client.js --server_host=localhost --server_port=50080 --test_case=all
// --test_case takes one spec name, a comma-separated list, or all. Prints a table (PASS,
// FAIL, or N/A with the reason grpc-js cannot run the case) and exits 1 if any case failed.
// Every call has a deadline (30 s), so every case ends by itself.
const assert = require('assert/strict');
const { grpc, loadContract, parseFlags, zeros, ECHO_INITIAL, ECHO_TRAILING } = require('./contract');
const {
  BOUND_MS, deadline, largeRequest, unary, failsWith, checkLarge, record, streamingInput, soak,
} = require('./calls');

const testing = loadContract();
const GZIP = { 'grpc.default_compression_algorithm': 2 }; // grpc-js numbers gzip 2
const NO_COMPRESS = 2; // grpc-js WriteFlags.NoCompress, passed where a stream takes an encoding
const NO_FLAG_ACCESS = 'grpc-js gives the application no compressed flag of a received message';

const REQUEST_SIZES = [27182, 8, 1828, 45904];
const REPLY_SIZES = [31415, 9, 2653, 58979];

const CASES = {
  empty_unary: async ({ client }) => { assert.ok((await unary(client, 'EmptyCall', {})).reply); },
  large_unary: async ({ client }) => checkLarge((await unary(client, 'UnaryCall', largeRequest())).reply),
  client_compressed_unary: async ({ client, gzipClient }) => {
    const expect = value => largeRequest({ expect_compressed: { value } });
    await failsWith(grpc.status.INVALID_ARGUMENT, unary(client, 'UnaryCall', expect(true)), 'uncompressed probe');
    checkLarge((await unary(gzipClient, 'UnaryCall', expect(true))).reply);
    checkLarge((await unary(client, 'UnaryCall', expect(false))).reply);
  },
  server_compressed_unary: NO_FLAG_ACCESS,
  client_streaming: async ({ client }) => {
    const reply = await streamingInput(client, REQUEST_SIZES.map(s => [{ payload: zeros(s) }]));
    assert.equal(reply.aggregated_payload_size, 74922, 'aggregated_payload_size');
  },
  client_compressed_streaming: async ({ client, gzipClient }) => {
    const first = { expect_compressed: { value: true }, payload: zeros(27182) };
    await failsWith(grpc.status.INVALID_ARGUMENT, streamingInput(client, [[first]]), 'uncompressed probe');
    const reply = await streamingInput(gzipClient, [[first],
      [{ expect_compressed: { value: false }, payload: zeros(45904) }, NO_COMPRESS]]);
    assert.equal(reply.aggregated_payload_size, 73086, 'aggregated_payload_size');
  },
  server_streaming: async ({ client }) => {
    const call = client.StreamingOutputCall(
      { response_parameters: REPLY_SIZES.map(size => ({ size })) }, deadline());
    const rec = record(call);
    assert.equal((await rec.status).code, grpc.status.OK, 'status');
    assert.deepEqual(rec.replies.map(r => r.payload.body.length), REPLY_SIZES, 'reply sizes in order');
  },
  server_compressed_streaming: NO_FLAG_ACCESS,
  ping_pong: async ({ client }) => {
    const call = client.FullDuplexCall(deadline());
    const rec = record(call);
    for (let i = 0; i < 4; i++) {
      call.write({ response_parameters: [{ size: REPLY_SIZES[i] }], payload: zeros(REQUEST_SIZES[i]) });
      assert.equal((await rec.nth(i + 1)).payload.body.length, REPLY_SIZES[i], `reply ${i} size`);
    }
    call.end();
    assert.equal((await rec.status).code, grpc.status.OK, 'status');
    assert.equal(rec.replies.length, 4, 'replies');
  },
  empty_stream: async ({ client }) => {
    const call = client.FullDuplexCall(deadline());
    const rec = record(call);
    call.end();
    assert.equal((await rec.status).code, grpc.status.OK, 'status');
    assert.equal(rec.replies.length, 0, 'replies');
  },
  custom_metadata: async ({ client }) => {
    const metadata = new grpc.Metadata();
    metadata.set(ECHO_INITIAL, 'test_initial_metadata_value');
    metadata.set(ECHO_TRAILING, Buffer.from([0xab, 0xab, 0xab]));
    const checkEchoed = (what, headers, trailers) => {
      assert.deepEqual(headers.get(ECHO_INITIAL), ['test_initial_metadata_value'], `${what} initial metadata`);
      assert.deepEqual(trailers.get(ECHO_TRAILING), [Buffer.from([0xab, 0xab, 0xab])], `${what} trailing metadata`);
    };
    const u = await unary(client, 'UnaryCall', largeRequest(), metadata);
    checkLarge(u.reply);
    checkEchoed('UnaryCall', u.headers, u.trailers);
    const call = client.FullDuplexCall(metadata, deadline());
    const rec = record(call);
    call.write({ response_parameters: [{ size: 314159 }], payload: zeros(271828) });
    call.end();
    assert.equal((await rec.status).code, grpc.status.OK, 'FullDuplexCall status');
    checkEchoed('FullDuplexCall', rec.headers, rec.trailers);
  },
  status_code_and_message: async ({ client }) => {
    const response_status = { code: 2, message: 'test status message' };
    const error = await unary(client, 'UnaryCall', { response_status }).then(() => ({ code: 0 }), e => e);
    assert.deepEqual([error.code, error.details], [2, 'test status message'], 'UnaryCall status');
    const call = client.FullDuplexCall(deadline());
    const rec = record(call);
    call.write({ response_status });
    call.end();
    const status = await rec.status;
    assert.deepEqual([status.code, status.details], [2, 'test status message'], 'FullDuplexCall status');
  },
  special_status_message: async ({ client }) => {
    const message = '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \u{1F608}\t\n';
    const error = await unary(client, 'UnaryCall', { response_status: { code: 2, message } })
      .then(() => ({ code: 0 }), e => e);
    assert.deepEqual([error.code, error.details], [2, message], 'status, whitespace included');
  },
  unimplemented_method: async ({ client }) => failsWith(grpc.status.UNIMPLEMENTED,
    unary(client, 'UnimplementedCall', {}), 'TestService/UnimplementedCall'),
  unimplemented_service: async ({ target }) => {
    const other = new testing.UnimplementedService(target, grpc.credentials.createInsecure());
    try {
      await failsWith(grpc.status.UNIMPLEMENTED, unary(other, 'UnimplementedCall', {}),
        'UnimplementedService/UnimplementedCall');
    } finally { other.close(); }
  },
  cancel_after_begin: async ({ client }) => {
    const outcome = new Promise(resolve => {
      const call = client.StreamingInputCall(deadline(), e => resolve(e ? e.code : 0));
      call.cancel();
    });
    assert.equal(await outcome, grpc.status.CANCELLED, 'status');
  },
  cancel_after_first_response: async ({ client }) => {
    const call = client.FullDuplexCall(deadline());
    const rec = record(call);
    call.write({ response_parameters: [{ size: 31415 }], payload: zeros(27182) });
    assert.equal((await rec.nth(1)).payload.body.length, 31415, 'first reply size');
    call.cancel();
    assert.equal((await rec.status).code, grpc.status.CANCELLED, 'status');
  },
  timeout_on_sleeping_server: async ({ client }) => {
    const call = client.FullDuplexCall(deadline(1));
    const rec = record(call);
    call.write({ payload: zeros(27182) });
    const st = await rec.status; assert.equal(st.code, grpc.status.DEADLINE_EXCEEDED, `status ${st.code} ${st.details}`);
  },
  concurrent_large_unary: async ({ client }) => {
    const calls = Array.from({ length: 1000 }, () => unary(client, 'UnaryCall', largeRequest(), undefined, deadline(4 * BOUND_MS)));
    (await Promise.all(calls)).forEach(c => checkLarge(c.reply));
  },
  rpc_soak: async ctx => soak(ctx, () => ctx.client, false),
  channel_soak: async ctx => soak(ctx, () => new testing.TestService(ctx.target, grpc.credentials.createInsecure()), true),
  max_streams: async ({ client }) => {
    checkLarge((await unary(client, 'UnaryCall', largeRequest())).reply); // SETTINGS arrive
    const calls = Array.from({ length: 10 }, () => unary(client, 'UnaryCall', largeRequest()));
    (await Promise.all(calls)).forEach(c => checkLarge(c.reply));
  },
};

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const target = `${flags.server_host || 'localhost'}:${flags.server_port || 50080}`;
  const names = (flags.test_case || 'all') === 'all' ? Object.keys(CASES) : flags.test_case.split(',');
  const unknown = names.filter(n => !(n in CASES));
  if (unknown.length > 0) { console.error(`unknown test case: ${unknown}`); process.exit(2); }
  const ctx = {
    target,
    client: new testing.TestService(target, grpc.credentials.createInsecure()),
    gzipClient: new testing.TestService(target, grpc.credentials.createInsecure(), GZIP),
    soakFlags: {
      iterations: Number(flags.soak_iterations || 10),
      maxFailures: Number(flags.soak_max_failures || 0),
      latencyMs: Number(flags.soak_per_iteration_max_acceptable_latency_ms || 5000),
      overallMs: 1000 * Number(flags.soak_overall_timeout_seconds || 60),
    },
  };
  const rows = [];
  for (const name of names) {
    const start = Date.now();
    if (typeof CASES[name] === 'string') {
      rows.push([name, 'N/A', 0, CASES[name]]);
      continue;
    }
    try {
      await CASES[name](ctx);
      rows.push([name, 'PASS', Date.now() - start, '']);
    } catch (e) {
      rows.push([name, 'FAIL', Date.now() - start, String(e.message).split('\n')[0]]);
    }
  }
  ctx.client.close();
  ctx.gzipClient.close();
  console.log(`${'test_case'.padEnd(28)} ${'result'.padEnd(6)} ${'ms'.padStart(8)}  detail`);
  for (const [name, result, ms, detail] of rows) {
    console.log(`${name.padEnd(28)} ${result.padEnd(6)} ${String(ms).padStart(8)}  ${detail}`);
  }
  const passed = rows.filter(r => r[1] === 'PASS').length;
  console.log(`${passed} of ${rows.length} passed, ${rows.filter(r => r[1] === 'N/A').length} not applicable`);
  process.exit(rows.some(r => r[1] === 'FAIL') ? 1 : 0);
}

main();
