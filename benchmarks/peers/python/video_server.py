#!/usr/bin/python3
"""The video lab's contract on Debian's python3-grpcio, written the way the notes' server.py is:
a servicer class, a dict as the store, a thread pool, handlers that return or yield.
    /usr/bin/python3 video_server.py --port=0
Prints "listening on 127.0.0.1:PORT" once it accepts calls (port 0 picks a free one).

Nothing is generated (Debian's grpc-tools is too old for its grpcio): the messages are built
at start from descriptors, with the names and field numbers of lab-protos' video_service.proto,
and the service is registered through grpc's generic handlers.
"""
import signal
import sys
import threading
from concurrent import futures

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

F = descriptor_pb2.FieldDescriptorProto
STRING, INT32, MESSAGE = F.TYPE_STRING, F.TYPE_INT32, F.TYPE_MESSAGE
# message -> [(field, number, type, message type or None)], as in video_service.proto
MESSAGES = {
    'Video': [('id', 1, STRING, None), ('title', 2, STRING, None), ('author', 3, STRING, None),
              ('url', 4, STRING, None), ('duration', 5, INT32, None)],
    'ListVideosRequest': [],
    'AddVideoResponse': [('video', 1, MESSAGE, 'Video')],
    'VideoRequest': [('id', 1, STRING, None)],
}


def build_messages():
    file = descriptor_pb2.FileDescriptorProto(
        name='video_service_peer.proto', package='video_service', syntax='proto3')
    for name, fields in MESSAGES.items():
        message = file.message_type.add(name=name)
        for field, number, kind, type_name in fields:
            f = message.field.add(name=field, number=number, type=kind, label=F.LABEL_OPTIONAL)
            if type_name:
                f.type_name = '.video_service.' + type_name
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    factory = message_factory.MessageFactory(pool)
    return {name: factory.GetPrototype(pool.FindMessageTypeByName('video_service.' + name))
            for name in MESSAGES}


M = build_messages()


class VideoServicer:
    def __init__(self):
        self.videos = {}  # id -> Video; dicts keep insertion order
        self.lock = threading.Lock()

    def ListVideos(self, request, context):
        for video in list(self.videos.values()):
            yield video

    def AddVideo(self, video, context):
        with self.lock:
            if video.id in self.videos:
                context.abort(grpc.StatusCode.ALREADY_EXISTS, 'video %s already exists' % video.id)
            self.videos[video.id] = video
        return M['AddVideoResponse'](video=video)

    def GetVideos(self, requests, context):
        ids = [request.id for request in requests]  # gather, then answer
        for id in ids:
            yield self.find(id, context)

    def GetVideo(self, requests, context):
        for request in requests:  # ping-pong: one answer per request
            yield self.find(request.id, context)

    def find(self, id, context):
        if id not in self.videos:
            context.abort(grpc.StatusCode.NOT_FOUND, 'no video with id %s' % id)
        return self.videos[id]


def handler(kind, function, request, reply):
    return kind(function, request_deserializer=M[request].FromString,
                response_serializer=M[reply].SerializeToString)


def main(argv):
    flags = dict(arg[2:].split('=', 1) for arg in argv if arg.startswith('--') and '=' in arg)
    servicer = VideoServicer()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=10))
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler('video_service.VideoService', {
        'ListVideos': handler(grpc.unary_stream_rpc_method_handler, servicer.ListVideos,
                              'ListVideosRequest', 'Video'),
        'AddVideo': handler(grpc.unary_unary_rpc_method_handler, servicer.AddVideo,
                            'Video', 'AddVideoResponse'),
        'GetVideos': handler(grpc.stream_stream_rpc_method_handler, servicer.GetVideos,
                             'VideoRequest', 'Video'),
        'GetVideo': handler(grpc.stream_stream_rpc_method_handler, servicer.GetVideo,
                            'VideoRequest', 'Video'),
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
