"""The grpc.testing messages for grpcio, built at start from descriptors: Debian ships no
grpcio-tools of python3-grpcio's age (python3-grpc-tools is 1.14), so nothing is generated.
Names and field numbers are those of ../../src/main/proto/grpc/testing/*.proto; only the
fields the interop cases use are declared, as there.
"""
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
