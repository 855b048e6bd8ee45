'use strict';
// What the grpc-js server and client share: the grpc.testing contract, loaded at run time
// from the module's own .proto files (no generated code), and the spec's flag syntax.
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.join(__dirname, '..', '..', 'src', 'main', 'proto');

function loadContract() {
  const definition = protoLoader.loadSync('grpc/testing/test.proto', {
    includeDirs: [PROTO_ROOT],
    keepCase: true, // field names as the spec writes them: response_size, payload.body
    defaults: true, // absent scalars read as 0 / '' / empty Buffer
  });
  return grpc.loadPackageDefinition(definition).grpc.testing;
}

// --name=value or --name value, as the official interop binaries take them.
function parseFlags(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`expected --name=value, got ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else flags[arg.slice(2)] = argv[++i];
  }
  return flags;
}

function zeros(size) {
  return { body: Buffer.alloc(size) };
}

const ECHO_INITIAL = 'x-grpc-test-echo-initial';
const ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin';

module.exports = { grpc, loadContract, parseFlags, zeros, ECHO_INITIAL, ECHO_TRAILING };
