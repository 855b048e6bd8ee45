package lab.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.grpc.netty.shaded.io.netty.buffer.PooledByteBufAllocator;
import io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

class NettyLeakCheckTest {
  private ResourceLeakDetector.Level before;

  @BeforeEach
  void trackEveryBuffer() {
    before = ResourceLeakDetector.getLevel();
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
  }

  @AfterEach
  void restore() {
    ResourceLeakDetector.setLevel(before);
  }

  /** A test that allocates a buffer and forgets to release it. */
  @ExtendWith(NettyLeakCheck.class)
  static class Leaky {
    @Test
    void forgetsToRelease() {
      PooledByteBufAllocator.DEFAULT.directBuffer(1024).writeInt(42);
    }
  }

  /** A test that releases what it allocates. */
  @ExtendWith(NettyLeakCheck.class)
  static class Tidy {
    @Test
    void releases() {
      PooledByteBufAllocator.DEFAULT.directBuffer(1024).writeInt(42).release();
    }
  }

  @Test
  void aClassThatLeaksABufferFailsWithNettysReport() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(Leaky.class)).execute()
        .containerEvents().assertThatEvents().haveExactly(1, event(container(Leaky.class),
            finishedWithFailure(message(m -> m.contains("1 Netty buffer leak(s)")
                && m.contains("LEAK")))));
  }

  @Test
  void aClassThatReleasesWhatItAllocatesPasses() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(Tidy.class)).execute()
        .containerEvents().assertThatEvents().haveExactly(1, event(container(Tidy.class),
            finishedSuccessfully()));
  }
}
