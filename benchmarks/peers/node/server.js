'use strict';
// The video lab's contract on @grpc/grpc-js, the plain way its docs show: the .proto loaded at
// run time (no generated code), a Map as the store, callbacks and call.write().
//   node server.js --port=0
// Prints "listening on 127.0.0.1:PORT" once it accepts calls (port 0 picks a free one).
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO_ROOT = path.join(__dirname, '..', '..', '..', 'lab-protos', 'src', 'main', 'proto');
const videos = new Map(); // id -> video; a Map keeps insertion order

function notFound(id) {
  return { code: grpc.status.NOT_FOUND, details: `no video with id ${id}` };
}

const service = {
  ListVideos(call) {
    for (const video of videos.values()) call.write(video);
    call.end();
  },
  AddVideo(call, callback) {
    const video = call.request;
    if (videos.has(video.id)) {
      callback({ code: grpc.status.ALREADY_EXISTS, details: `video ${video.id} already exists` });
      return;
    }
    videos.set(video.id, video);
    callback(null, { video });
  },
  GetVideos(call) { // gather, then answer
    const ids = [];
    call.on('data', request => ids.push(request.id));
    call.on('end', () => {
      const missing = ids.find(id => !videos.has(id));
      if (missing !== undefined) call.emit('error', notFound(missing));
      else { ids.forEach(id => call.write(videos.get(id))); call.end(); }
    });
  },
  GetVideo(call) { // ping-pong: one answer per request
    call.on('data', request => {
      if (videos.has(request.id)) call.write(videos.get(request.id));
      else call.emit('error', notFound(request.id));
    });
    call.on('end', () => call.end());
  },
};

function main() {
  const flag = process.argv.slice(2).find(arg => arg.startsWith('--port='));
  const port = flag ? flag.slice('--port='.length) : '0';
  const definition = protoLoader.loadSync('video_service.proto', { includeDirs: [PROTO_ROOT] });
  const server = new grpc.Server();
  server.addService(grpc.loadPackageDefinition(definition).video_service.VideoService.service,
    service);
  server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(),
    (error, bound) => {
      if (error) { console.error(error.message); process.exit(1); }
      console.log(`listening on 127.0.0.1:${bound}`);
    });
  const stop = () => server.tryShutdown(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
