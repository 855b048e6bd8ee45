package lab.interceptors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import lab.proto.interceptors.EchoGrpc;
import lab.proto.interceptors.EchoReply;
import lab.proto.interceptors.EchoRequest;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SayMany's range, at its edges: 0 to 100 replies are answered, one more either way is not. */
class EchoServiceTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  private final EchoGrpc.EchoBlockingStub echo =
      EchoGrpc.newBlockingStub(grpc.inProcessChannel(new EchoService()));

  private List<EchoReply> sayMany(int times) {
    List<EchoReply> replies = new ArrayList<>();
    echo.sayMany(EchoRequest.newBuilder().setText("hi").setTimes(times).build())
        .forEachRemaining(replies::add);
    return replies;
  }

  @Test
  void sayManyAnswersZeroToOneHundredTimes() {
    assertEquals(List.of(), sayMany(0), "zero replies, and the call still ends OK");
    assertEquals(EchoService.MAX_TIMES, sayMany(EchoService.MAX_TIMES).size());
  }

  @Test
  void sayManyRefusesOneMoreOrOneLessThanItsRange() {
    for (int times : new int[] {-1, EchoService.MAX_TIMES + 1}) {
      var e = assertThrows(StatusRuntimeException.class, () -> sayMany(times));

      assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
      assertEquals("times must be 0..100, was " + times, e.getStatus().getDescription());
    }
  }
}
