#!/usr/bin/python3
"""grpc.testing.TestService on Debian's python3-grpcio, for the Java client to run the interop
cases against:  /usr/bin/python3 interop_server.py --port=0 [--max_concurrent_streams=1]
Prints "listening on 127.0.0.1:PORT" once it accepts calls (port 0 picks a free one).

Nothing is generated: Debian ships no grpcio-tools of this grpcio's age (python3-grpc-tools
is 1.14), so the messages are built at start from descriptors written below, with the same
names and field numbers as src/main/proto/grpc/testing/*.proto, and the service is served
through grpc's generic handlers.

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
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

F = descriptor_pb2.FieldDescriptorProto
# message -> [(field, number, type, message type or None, repeated)]
MESSAGES = {
    'Empty': [],
    'BoolValue': [('value', 1, F.TYPE_BOOL, None, False)],
    'Payload': [('type', 1, F.TYPE_ENUM, 'PayloadType', False),
                ('body', 2, F.TYPE_BYTES, None, False)],
    'EchoStatus': [('code', 1, F.TYPE_INT32, None, False),
                   ('message', 2, F.TYPE_STRING, None, False)],
    'SimpleRequest': [('response_type', 1, F.TYPE_ENUM, 'PayloadType', False),
                      ('response_size', 2, F.TYPE_INT32, None, False),
                      ('payload', 3, F.TYPE_MESSAGE, 'Payload', False),
                      ('fill_username', 4, F.TYPE_BOOL, None, False),
                      ('fill_oauth_scope', 5, F.TYPE_BOOL, None, False),
                      ('response_compressed', 6, F.TYPE_MESSAGE, 'BoolValue', False),
                      ('response_status', 7, F.TYPE_MESSAGE, 'EchoStatus', False),
                      ('expect_compressed', 8, F.TYPE_MESSAGE, 'BoolValue', False),
                      ('fill_server_id', 9, F.TYPE_BOOL, None, False)],
    'SimpleResponse': [('payload', 1, F.TYPE_MESSAGE, 'Payload', False),
                       ('username', 2, F.TYPE_STRING, None, False),
                       ('oauth_scope', 3, F.TYPE_STRING, None, False),
                       ('server_id', 4, F.TYPE_STRING, None, False),
                       ('hostname', 6, F.TYPE_STRING, None, False)],
    'StreamingInputCallRequest': [('payload', 1, F.TYPE_MESSAGE, 'Payload', False),
                                  ('expect_compressed', 2, F.TYPE_MESSAGE, 'BoolValue', False)],
    'StreamingInputCallResponse': [('aggregated_payload_size', 1, F.TYPE_INT32, None, False)],
    'ResponseParameters': [('size', 1, F.TYPE_INT32, None, False),
                           ('interval_us', 2, F.TYPE_INT32, None, False),
                           ('compressed', 3, F.TYPE_MESSAGE, 'BoolValue', False)],
    'StreamingOutputCallRequest': [
        ('response_type', 1, F.TYPE_ENUM, 'PayloadType', False),
        ('response_parameters', 2, F.TYPE_MESSAGE, 'ResponseParameters', True),
        ('payload', 3, F.TYPE_MESSAGE, 'Payload', False),
        ('response_status', 7, F.TYPE_MESSAGE, 'EchoStatus', False)],
    'StreamingOutputCallResponse': [('payload', 1, F.TYPE_MESSAGE, 'Payload', False)],
}


def build_messages():
    """The message classes of package grpc.testing, built from MESSAGES."""
    file = descriptor_pb2.FileDescriptorProto(
        name='grpc/testing/lab_interop_python.proto', package='grpc.testing', syntax='proto3')
    file.enum_type.add(name='PayloadType').value.add(name='COMPRESSABLE', number=0)
    for name, fields in MESSAGES.items():
        message = file.message_type.add(name=name)
        for field, number, kind, type_name, repeated in fields:
            f = message.field.add(name=field, number=number, type=kind,
                                  label=F.LABEL_REPEATED if repeated else F.LABEL_OPTIONAL)
            if type_name:
                f.type_name = '.grpc.testing.' + type_name
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    factory = message_factory.MessageFactory(pool)
    return {name: factory.GetPrototype(pool.FindMessageTypeByName('grpc.testing.' + name))
            for name in MESSAGES}


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
