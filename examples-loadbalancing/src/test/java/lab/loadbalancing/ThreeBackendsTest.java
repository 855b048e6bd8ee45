package lab.loadbalancing;

import java.util.List;
import lab.testing.GrpcCleanupExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the client-side tests share: backend-1..3 on free loopback ports, and our resolver
 * handing their addresses to every channel a test makes from {@code resolver.target()}.
 */
abstract class ThreeBackendsTest {
  @RegisterExtension
  final GrpcCleanupExtension grpc = new GrpcCleanupExtension();

  List<Backend> backends;
  AddressListResolver resolver;

  @BeforeEach
  void startThreeBackends() throws Exception {
    backends = TestBackends.start(grpc, 3);
    resolver = new AddressListResolver(TestBackends.addresses(backends));
  }

  @AfterEach
  void unregisterTheResolver() {
    resolver.close();
  }
}
