package lab.contracts;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * Answers a unary call with {@code answer}'s value, or with the status it throws. A handler
 * must not let a StatusRuntimeException escape: grpc-java would close the call UNKNOWN and the
 * caller would never see the INVALID_ARGUMENT or NOT_FOUND meant for it.
 */
final class Answer {
  private Answer() {}

  static <T> void with(StreamObserver<T> reply, Supplier<T> answer) {
    T value;
    try {
      value = answer.get();
    } catch (StatusRuntimeException e) {
      reply.onError(e);
      return;
    }
    reply.onNext(value);
    reply.onCompleted();
  }
}
