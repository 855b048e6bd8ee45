package lab.streaming;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import lab.proto.flowcontrol.ProduceRequest;
import lab.proto.flowcontrol.Tick;

/** Building and checking the flow-control lesson's messages. */
final class Ticks {
  static final int MAX_PAYLOAD_BYTES = 1 << 20;

  private Ticks() {}

  static Tick tick(int seq, int payloadBytes) {
    return Tick.newBuilder().setSeq(seq).setPayload(ByteString.copyFrom(new byte[payloadBytes]))
        .build();
  }

  /** @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the bad field */
  static void validate(ProduceRequest request) {
    if (request.getCount() < 0) {
      throw Status.INVALID_ARGUMENT
          .withDescription("count must not be negative, was " + request.getCount())
          .asRuntimeException();
    }
    if (request.getPayloadBytes() < 0 || request.getPayloadBytes() > MAX_PAYLOAD_BYTES) {
      throw Status.INVALID_ARGUMENT.withDescription("payload_bytes must be 0.." + MAX_PAYLOAD_BYTES
          + ", was " + request.getPayloadBytes()).asRuntimeException();
    }
  }
}
