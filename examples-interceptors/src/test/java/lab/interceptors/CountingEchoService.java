package lab.interceptors;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicInteger;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;

/** The echo service, counting how often a handler actually ran. */
final class CountingEchoService extends EchoService {
  final AtomicInteger handlerRuns = new AtomicInteger();

  @Override
  public void say(EchoRequest request, StreamObserver<EchoReply> reply) {
    handlerRuns.incrementAndGet();
    super.say(request, reply);
  }

  @Override
  public StreamObserver<EchoRequest> chat(StreamObserver<EchoReply> reply) {
    handlerRuns.incrementAndGet();
    return super.chat(reply);
  }
}
