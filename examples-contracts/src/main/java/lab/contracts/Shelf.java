package lab.contracts;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import lab.idioms.FlowControlledWriter;

/**
 * The videos one catalog server holds, whatever version of the contract it speaks. Each is kept
 * as the message that arrived, so fields this version does not know (unknown fields) are kept
 * and re-sent: that is what lets a newer client's data pass through an older server intact.
 * Bounded: a caller cannot grow the server's memory without limit.
 */
final class Shelf<V> {
  static final int MAX_VIDEOS = 10_000;
  static final int MAX_TITLE_CHARS = 200;

  private final ConcurrentSkipListMap<Integer, V> videos = new ConcurrentSkipListMap<>();
  private final AtomicInteger lastId = new AtomicInteger();
  private final Consumer<V> check;
  private final BiFunction<V, Integer, V> withId;

  /**
   * {@code check} throws INVALID_ARGUMENT for a video this version refuses; {@code withId}
   * answers a copy with the given id, made with {@code toBuilder()} so the fields this version
   * does not know go along.
   */
  Shelf(Consumer<V> check, BiFunction<V, Integer, V> withId) {
    this.check = check;
    this.withId = withId;
  }

  /** Stores the video under a new id after checking it; the stored message. */
  synchronized V add(V video) {
    check.accept(video);
    if (videos.size() >= MAX_VIDEOS) {
      throw Status.RESOURCE_EXHAUSTED
          .withDescription("the catalog holds at most " + MAX_VIDEOS + " videos")
          .asRuntimeException();
    }
    int id = lastId.incrementAndGet();
    V stored = withId.apply(video, id);
    videos.put(id, stored);
    return stored;
  }

  V get(int id) {
    V video = videos.get(checkId(id));
    if (video == null) {
      throw Status.NOT_FOUND.withDescription("no video " + id).asRuntimeException();
    }
    return video;
  }

  V remove(int id) {
    V video = videos.remove(checkId(id));
    if (video == null) {
      throw Status.NOT_FOUND.withDescription("no video " + id).asRuntimeException();
    }
    return video;
  }

  /** The stored videos in id order, read lazily (a live view, not a copy). */
  Iterator<V> all() {
    return videos.values().iterator();
  }

  /** ListVideos: every stored video in id order, written as fast as the reader reads. */
  void writeAll(StreamObserver<V> reply) {
    var writer = FlowControlledWriter.install(reply);
    writer.send(all());
    writer.complete();
  }

  int count() {
    return videos.size();
  }

  static void checkTitle(String title) {
    if (title.isBlank() || title.length() > MAX_TITLE_CHARS) {
      throw Status.INVALID_ARGUMENT
          .withDescription("title must be 1.." + MAX_TITLE_CHARS + " characters, got "
              + title.length())
          .asRuntimeException();
    }
  }

  private static int checkId(int id) {
    if (id < 1) {
      throw Status.INVALID_ARGUMENT.withDescription("id must be 1 or more, got " + id)
          .asRuntimeException();
    }
    return id;
  }
}
