#!/usr/bin/python3
"""grpc.testing.TestService on Debian's python3-grpcio, for the Java client to run the interop
cases against:  /usr/bin/python3 interop_server.py --port=0 [--max_concurrent_streams=1]
Prints "listening on 127.0.0.1:PORT" once it accepts calls (port 0 picks a free one).

Nothing is generated: the messages come from contract.py (built at start from descriptors)
and the service is served through grpc's generic handlers.

What grpcio cannot do, so this server does not pretend to: CompressedRequest. grpcio
decompresses before the handler and gives it neither the message's compressed flag nor the
grpc-encoding header, so expect_compressed is ignored. CompressedResponse works
(context.set_compression and disable_next_message_compression).
"""
import signal
import sys
import threading
import time
from concurrent import futures

import grpc
from contract import build_messages

M = build_messages()
CODES = {code.value[0]: code for code in grpc.StatusCode}
ECHO_INITIAL = 'x-grpc-test-echo-initial'
ECHO_TRAILING = 'x-grpc-test-echo-trailing-bin'


def zeros(size):
    return M['Payload'](body=bytes(size))


def echo_metadata(context):
    """Echo Metadata: the initial value back in the headers, the trailing one in the trailers."""
    received = dict(context.invocation_metadata())
    if ECHO_INITIAL in received:
        context.send_initial_metadata(((ECHO_INITIAL, received[ECHO_INITIAL]),))
    if ECHO_TRAILING in received:
        context.set_trailing_metadata(((ECHO_TRAILING, received[ECHO_TRAILING]),))


def abort_if_asked(status, context):
    """Echo Status: end the call with the code and message the client sent."""
    if status.code != 0:
        context.abort(CODES[status.code], status.message)


def empty_call(request, context):
    echo_metadata(context)
    return M['Empty']()


def unary_call(request, context):
    echo_metadata(context)
    abort_if_asked(request.response_status, context)
    if request.response_compressed.value:
        context.set_compression(grpc.Compression.Gzip)
    return M['SimpleResponse'](payload=zeros(request.response_size))


def replies(params, context):
    """One reply per ResponseParameters, after its interval, compressed as it asks."""
    for p in params:
        if not context.is_active():
            return
        if p.interval_us > 0:
            time.sleep(p.interval_us / 1e6)
        if not p.compressed.value:
            context.disable_next_message_compression()
        yield M['StreamingOutputCallResponse'](payload=zeros(p.size))


def streaming_output_call(request, context):
    echo_metadata(context)
    if any(p.compressed.value for p in request.response_parameters):
        context.set_compression(grpc.Compression.Gzip)
    yield from replies(request.response_parameters, context)
    abort_if_asked(request.response_status, context)


def streaming_input_call(requests, context):
    echo_metadata(context)
    total = sum(len(r.payload.body) for r in requests)
    return M['StreamingInputCallResponse'](aggregated_payload_size=total)


def full_duplex_call(requests, context):
    echo_metadata(context)
    for request in requests:
        yield from replies(request.response_parameters, context)
        abort_if_asked(request.response_status, context)


def half_duplex_call(requests, context):
    echo_metadata(context)
    params = [p for r in requests for p in r.response_parameters]
    yield from replies(params, context)


def handler(kind, function, request, reply):
    return kind(function, request_deserializer=M[request].FromString,
                response_serializer=M[reply].SerializeToString)


def main(argv):
    flags = dict(arg[2:].split('=', 1) for arg in argv if arg.startswith('--') and '=' in arg)
    options = []
    if int(flags.get('max_concurrent_streams', '0')) > 0:
        options.append(('grpc.max_concurrent_streams', int(flags['max_concurrent_streams'])))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), options=options)
    # UnimplementedCall is left out on purpose: grpcio answers it UNIMPLEMENTED.
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler('grpc.testing.TestService', {
        'EmptyCall': handler(grpc.unary_unary_rpc_method_handler, empty_call, 'Empty', 'Empty'),
        'UnaryCall': handler(grpc.unary_unary_rpc_method_handler, unary_call,
                             'SimpleRequest', 'SimpleResponse'),
        'StreamingOutputCall': handler(grpc.unary_stream_rpc_method_handler, streaming_output_call,
                                       'StreamingOutputCallRequest', 'StreamingOutputCallResponse'),
        'StreamingInputCall': handler(grpc.stream_unary_rpc_method_handler, streaming_input_call,
                                      'StreamingInputCallRequest', 'StreamingInputCallResponse'),
        'FullDuplexCall': handler(grpc.stream_stream_rpc_method_handler, full_duplex_call,
                                  'StreamingOutputCallRequest', 'StreamingOutputCallResponse'),
        'HalfDuplexCall': handler(grpc.stream_stream_rpc_method_handler, half_duplex_call,
                                  'StreamingOutputCallRequest', 'StreamingOutputCallResponse'),
    }),))
    port = server.add_insecure_port('127.0.0.1:' + flags.get('port', '0'))
    server.start()
    print('listening on 127.0.0.1:%d' % port, flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    server.stop(grace=5).wait()


if __name__ == '__main__':
    main(sys.argv[1:])
