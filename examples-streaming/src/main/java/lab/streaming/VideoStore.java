package lab.streaming;

import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Comparator;
import lab.proto.video.Video;

/**
 * The video lab's in-memory store. Thread-safe: many calls run at once on the server's
 * executor, so adds use {@code putIfAbsent} (an id is stored once, never overwritten) and
 * listing reads a consistent snapshot in insertion order.
 */
public final class VideoStore {
  private record Entry(long order, Video video) {}

  private final Map<String, Entry> videos = new ConcurrentHashMap<>();
  private final AtomicLong nextOrder = new AtomicLong();

  /**
   * Validates and stores {@code video}.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the bad field, or
   *     ALREADY_EXISTS naming the id
   */
  public Video add(Video video) {
    requireNonEmpty("id", video.getId());
    requireNonEmpty("title", video.getTitle());
    if (video.getDuration() < 0) {
      throw Status.INVALID_ARGUMENT
          .withDescription("duration must not be negative, was " + video.getDuration())
          .asRuntimeException();
    }
    Entry previous = videos.putIfAbsent(video.getId(),
        new Entry(nextOrder.getAndIncrement(), video));
    if (previous != null) {
      throw Status.ALREADY_EXISTS
          .withDescription("video with id \"" + video.getId() + "\" already exists")
          .asRuntimeException();
    }
    return video;
  }

  /** @throws io.grpc.StatusRuntimeException NOT_FOUND naming the id */
  public Video get(String id) {
    Entry entry = videos.get(id);
    if (entry == null) {
      throw Status.NOT_FOUND.withDescription("no video with id \"" + id + "\"")
          .asRuntimeException();
    }
    return entry.video();
  }

  /** Every video, in the order they were added. */
  public List<Video> list() {
    return videos.values().stream()
        .sorted(Comparator.comparingLong(Entry::order))
        .map(Entry::video)
        .toList();
  }

  private static void requireNonEmpty(String field, String value) {
    if (value.isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription(field + " must not be empty")
          .asRuntimeException();
    }
  }
}
