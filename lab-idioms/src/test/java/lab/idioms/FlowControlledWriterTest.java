package lab.idioms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flow-control lesson's writer on a call whose readiness the test controls. */
class FlowControlledWriterTest {
  private final FakeServerCall<Integer> call = new FakeServerCall<>();
  private final FlowControlledWriter<Integer> writer = FlowControlledWriter.install(call);
  private final List<Integer> taken = new ArrayList<>();

  /** 1..n, noting each item the writer takes: a lazy source, like a view over a store. */
  private Iterator<Integer> source(int n) {
    return new Iterator<>() {
      private int next = 1;

      @Override public boolean hasNext() {
        return next <= n;
      }

      @Override public Integer next() {
        taken.add(next);
        return next++;
      }
    };
  }

  @Test
  void itWritesOnlyWhileTheCallIsReadyAndTakesNothingItCannotWrite() {
    call.makeRoom(2);
    writer.send(source(5));

    assertEquals(List.of(1, 2), call.written);
    assertEquals(List.of(1, 2), taken, "readiness is checked before the next item is taken");
  }

  @Test
  void theOnReadyHandlerResumesWhereItStopped() {
    writer.send(source(5));
    assertEquals(List.of(), call.written, "not ready: nothing written, nothing taken");
    assertEquals(List.of(), taken);

    call.makeRoom(3);
    assertEquals(List.of(1, 2, 3), call.written);
    call.makeRoom(10);
    assertEquals(List.of(1, 2, 3, 4, 5), call.written);
  }

  @Test
  void completeEndsTheCallOnlyOnceEverythingSentIsWritten() {
    writer.send(source(3));
    writer.complete();
    assertEquals(List.of(), call.written);

    call.makeRoom(10);
    assertEquals(List.of(1, 2, 3, "completed"), call.written);
    assertTrue(writer.isClosed());
  }

  @Test
  void aCancelledCallIsWrittenToNoMore() {
    call.makeRoom(1);
    writer.send(source(5));
    call.cancel();
    call.makeRoom(10);

    assertEquals(List.of(1), call.written);
    assertEquals(List.of(1), taken, "what was left is dropped, not taken");
    assertTrue(writer.isClosed());
  }

  @Test
  void aWriteThatRacesTheCancellationIsDroppedInsteadOfThrowing() {
    // The transport marks the call cancelled while the writer is between its readiness check
    // and its write: grpc-java would throw CANCELLED into the service, unless an on-cancel
    // handler is set, as install() does.
    call.makeRoom(5);
    writer.send(List.of(1, 2).iterator());
    Iterator<Integer> racing = new Iterator<>() {
      private boolean given;
      @Override public boolean hasNext() {
        return !given;
      }
      @Override public Integer next() {
        given = true;
        call.markCancelled();
        return 3;
      }
    };
    writer.send(racing);
    assertEquals(List.of(1, 2), call.written);
  }

  @Test
  void completeWithNothingLeftToWriteEndsTheCallAtOnce() {
    call.makeRoom(5);
    writer.send(source(2));
    writer.complete();
    assertEquals(List.of(1, 2, "completed"), call.written);
  }

  @Test
  void whenReadyOnACallThatCanTakeMoreRunsAtOnce() {
    List<String> ran = new ArrayList<>();
    call.makeRoom(5);
    writer.whenReady(() -> ran.add("next"));
    assertEquals(List.of("next"), ran);
  }

  @Test
  void failEndsTheCallAtOnceDroppingWhatIsLeftAndOnlyOnce() {
    writer.send(source(5));
    var error = Status.RESOURCE_EXHAUSTED.asRuntimeException();
    writer.fail(error);
    writer.fail(Status.INTERNAL.asRuntimeException());
    call.makeRoom(10);

    assertEquals(List.of(error), call.written);
    assertTrue(writer.isClosed());
  }

  @Test
  void aSecondSourceBeforeTheFirstIsWrittenIsABug() {
    writer.send(source(2));
    assertThrows(IllegalStateException.class, () -> writer.send(source(2)));
  }

  @Test
  void whenReadyRunsOnceEverythingIsWrittenAndTheCallCanTakeMore() {
    List<String> ran = new ArrayList<>();
    call.makeRoom(2);
    writer.send(source(2)); // fills the window exactly: written, but not ready for more
    writer.whenReady(() -> ran.add("next"));
    assertEquals(List.of(), ran, "the call cannot take more yet");

    call.makeRoom(1);
    call.makeRoom(1);
    assertEquals(List.of("next"), ran, "run once, not on every later on-ready");
  }

  @Test
  void readingOneAtATimeAsksForOneRequestAndEachNextOneOnlyWhenItCanBeAnswered() {
    var bidi = new FakeServerCall<Integer>();
    var reader = FlowControlledWriter.installReadingOneAtATime(bidi);
    assertFalse(bidi.autoRequest);
    assertEquals(1, bidi.requested);

    reader.readNext();
    assertEquals(2, bidi.requested);
    reader.send(List.of(7).iterator());
    reader.readNextWhenReady();
    assertEquals(2, bidi.requested, "a reader that does not read is not read from");
    bidi.makeRoom(5);
    assertEquals(List.of(7), bidi.written);
    assertEquals(3, bidi.requested);
  }
}
