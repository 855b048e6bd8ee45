package lab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import java.util.List;
import lab.benchmarks.peers.NaiveVideoServer;
import lab.common.LabServer;
import lab.services.VideoLab;
import lab.services.VideoStore;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DiscoveryTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  @Test
  void reflectionGivesEveryMethodWithWhichSideStreamsLeavingOutReflectionItself()
      throws Exception {
    LabServer server = VideoLab.start(0, new VideoStore());
    grpc.register(server.server());
    ManagedChannel channel = grpc.register(Target.plaintext("127.0.0.1", server.port())
        .channel());
    Discovery d = Discovery.ask(channel);
    assertTrue(d.offered());
    assertEquals("reflection lists 3 services", d.note());
    assertEquals(List.of("/grpc.health.v1.Health/Check unary",
        "/grpc.health.v1.Health/Watch server-streaming",
        "/video_service.VideoService/ListVideos server-streaming",
        "/video_service.VideoService/AddVideo unary",
        "/video_service.VideoService/GetVideos bidi",
        "/video_service.VideoService/GetVideo bidi").stream().sorted().toList(),
        d.methods().stream().map(m -> m.path() + " " + m.kind()).sorted().toList());
    assertTrue(d.services().contains("grpc.reflection.v1.ServerReflection"));
  }

  @Test
  void aServerWithoutReflectionIsSaidSoWithItsStatus() throws Exception {
    Server naive = NaiveVideoServer.start(0);
    ManagedChannel channel = Target.plaintext("127.0.0.1", naive.getPort()).channel();
    try {
      Discovery d = Discovery.ask(channel);
      assertFalse(d.offered());
      assertTrue(d.note().startsWith("no reflection: UNIMPLEMENTED (12) Method not found: "
          + "grpc.reflection.v1.ServerReflection/ServerReflectionInfo"), d.note());
      assertEquals(List.of(), d.methods());
    } finally {
      channel.shutdownNow();
      NaiveVideoServer.stop(naive);
    }
  }

  @Test
  void namedMethodsTakeAKindUnaryByDefaultAndRefuseWhatIsNotAMethodPath() {
    Discovery d = Discovery.named(List.of("/a.B/C", "a.B/D:server-streaming",
        "/a.B/E:client-streaming", "/x.Y/F:bidi"), "named");
    assertFalse(d.offered());
    assertEquals(List.of("a.B", "x.Y"), d.services());
    assertEquals(List.of("/a.B/C unary", "/a.B/D server-streaming", "/a.B/E client-streaming",
        "/x.Y/F bidi"), d.methods().stream().map(m -> m.path() + " " + m.kind()).toList());
    assertThrows(IllegalArgumentException.class,
        () -> Discovery.named(List.of("/a.B/C:sideways"), "x"));
    assertThrows(IllegalArgumentException.class, () -> Discovery.named(List.of("C"), "x"));
    assertThrows(IllegalArgumentException.class, () -> Discovery.named(List.of("/C"), "x"));
    assertThrows(IllegalArgumentException.class, () -> Discovery.named(List.of("//C"), "x"));
  }
}
