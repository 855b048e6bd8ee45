package lab.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import lab.proto.video.Video;
import lab.proto.video.VideoRequest;
import lab.proto.video.VideoServiceGrpc;
import lab.testing.GrpcCleanupExtension;
import lab.testing.StreamCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lesson's server (SecureServer.start, TLS) gets a renewed certificate on disk while it
 * runs: new connections get the new one, and a call already in flight on an old connection
 * carries on.
 */
class CertificateRotationTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();
  @TempDir
  Path dir;

  private final PeriodicTasks checks = new PeriodicTasks();
  private SecureLab lab;

  @BeforeEach
  void startTheLabWithTls() throws Exception {
    lab = new SecureLab(grpc, dir, SecureServer.Protection.TLS, checks);
  }

  @AfterEach
  void stopTheLab() throws InterruptedException {
    lab.close();
  }

  @Test
  void newConnectionsSeeTheNewCertificateAndACallInFlightKeepsWorking() throws Exception {
    lab.store.add(Video.newBuilder().setId("1").setTitle("one").build());
    lab.store.add(Video.newBuilder().setId("2").setTitle("two").build());

    // A ping-pong call on the first connection, open across the rotation.
    ServerSubject before = new ServerSubject();
    var replies = new StreamCollector<Video>();
    var requests = VideoServiceGrpc.newStub(lab.channel("none")).withInterceptors(before)
        .withCallCredentials(BearerToken.of(VideoLabAuth.ALICE_TOKEN))
        .withDeadlineAfter(60, TimeUnit.SECONDS).getVideo(replies);
    requests.onNext(VideoRequest.newBuilder().setId("1").build());
    assertEquals("one", replies.next(Duration.ofSeconds(30)).getTitle());
    assertEquals("CN=server-1", before.subject);

    lab.running.renew("server-2"); // what SecureServer --rotate-seconds does
    // Same-second writes would keep the old modification time on coarse file systems.
    long later = System.currentTimeMillis() + 5_000;
    lab.running.serverFiles().key().toFile().setLastModified(later);
    lab.running.serverFiles().certificate().toFile().setLastModified(later);
    checks.runNow(Duration.ofMinutes(1)); // the key manager's own check, without the wait

    ServerSubject after = new ServerSubject();
    VideoServiceGrpc.newBlockingStub(lab.channel("none"))
        .withCallCredentials(BearerToken.of(VideoLabAuth.ALICE_TOKEN)).withInterceptors(after)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .addVideo(Video.newBuilder().setId("3").setTitle("three").build());
    assertEquals("CN=server-2", after.subject, "a new connection gets the new certificate");

    requests.onNext(VideoRequest.newBuilder().setId("2").build());
    assertEquals("two", replies.next(Duration.ofSeconds(30)).getTitle(),
        "the call that was open during the rotation still works");
    requests.onCompleted();
    assertEquals(Status.OK, replies.awaitStatus(Duration.ofSeconds(30)));
    assertEquals("CN=server-1", before.subject, "on the connection it was opened on");
  }

  /** Records the subject of the certificate the server showed on the call's connection. */
  private static final class ServerSubject implements ClientInterceptor {
    volatile String subject;

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
        CallOptions options, Channel next) {
      ClientCall<Q, R> call = next.newCall(method, options);
      return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
              listener) {
            @Override
            public void onHeaders(Metadata responseHeaders) {
              try {
                var session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
                subject = ((X509Certificate) session.getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
              } catch (SSLPeerUnverifiedException e) {
                subject = "unverified";
              }
              super.onHeaders(responseHeaders);
            }
          }, headers);
        }
      };
    }
  }
}
