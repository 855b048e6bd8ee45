package lab.services;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import lab.proto.video.Video;

/**
 * The video lab's in-memory store, with a stated bound on everything it keeps.
 *
 * <p>Thread-safe: many calls add and read at once. Adds take a short lock so that "is the id
 * free, is there room, store it" is one step (an id is stored once, never overwritten);
 * reads take no lock. Listing walks a live view of the insertion order up to the count at the
 * moment it starts, so ListVideos streams a consistent snapshot without copying or sorting
 * the store first.
 *
 * <p>{@code duration} is an int32 on the wire: a client that sends a larger number has it
 * truncated by the protobuf parser before it reaches us. That is the contract, not a bug.
 */
public final class VideoStore {
  /**
   * Every bound the store enforces; a request past one gets a status naming it.
   * {@code maxVideoBytes} (serialized) bounds what one reply message can be: a reader that
   * stops reading holds the server to one queued message per stream, so 64 KiB × 100 streams
   * is the most one connection of stalled ListVideos readers can pin (with 4 MB videos,
   * grpc-java's message limit, 200 such streams held 1 GiB).
   */
  public record Limits(int maxIdLength, int maxVideos, long maxBytes, int maxVideoBytes) {
    public static final int DEFAULT_MAX_VIDEO_BYTES = 64 * 1024;
    public static final Limits DEFAULT =
        new Limits(128, 100_000, 256L << 20, DEFAULT_MAX_VIDEO_BYTES);

    public Limits(int maxIdLength, int maxVideos, long maxBytes) {
      this(maxIdLength, maxVideos, maxBytes, DEFAULT_MAX_VIDEO_BYTES);
    }
  }

  /** Status messages quote at most this much of a client's id (an id can be huge). */
  static final int QUOTE_LIMIT = 64;

  private final Limits limits;
  private final Map<String, Video> byId = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, Video> byOrder = new ConcurrentSkipListMap<>();
  private volatile long count; // written under the lock, read without it
  private long bytes;

  public VideoStore() {
    this(Limits.DEFAULT);
  }

  public VideoStore(Limits limits) {
    this.limits = limits;
  }

  /**
   * Validates and stores {@code video}.
   *
   * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT naming the bad field or the size,
   *     ALREADY_EXISTS naming the id, or RESOURCE_EXHAUSTED naming the limit reached
   */
  public Video add(Video video) {
    checkId(video.getId());
    if (video.getTitle().isEmpty()) {
      throw invalid("title must not be empty");
    }
    if (video.getDuration() < 0) {
      throw invalid("duration must not be negative, was " + video.getDuration());
    }
    int size = video.getSerializedSize();
    if (size > limits.maxVideoBytes()) {
      throw invalid("a video must be at most " + limits.maxVideoBytes() + " bytes, was " + size);
    }
    synchronized (this) {
      if (byId.containsKey(video.getId())) {
        throw Status.ALREADY_EXISTS.withDescription(
            "video with id " + quote(video.getId()) + " already exists").asRuntimeException();
      }
      if (count >= limits.maxVideos()) {
        throw full("the store holds at most " + limits.maxVideos() + " videos");
      }
      if (bytes + size > limits.maxBytes()) {
        throw full("the store holds at most " + limits.maxBytes() + " bytes of videos");
      }
      byId.put(video.getId(), video);
      byOrder.put(count, video);
      bytes += size;
      count++; // last: a lister that sees the new count also sees the video
    }
    return video;
  }

  /** @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT or NOT_FOUND naming the id */
  public Video get(String id) {
    checkId(id);
    Video video = byId.get(id);
    if (video == null) {
      throw Status.NOT_FOUND.withDescription("no video with id " + quote(id))
          .asRuntimeException();
    }
    return video;
  }

  /** The videos stored when this is called, in the order they were added; read lazily. */
  public Iterator<Video> snapshot() {
    return byOrder.headMap(count).values().iterator();
  }

  public long size() {
    return count;
  }

  /** @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT if {@code id} is empty or too long */
  public void checkId(String id) {
    if (id.isEmpty()) {
      throw invalid("id must not be empty");
    }
    if (id.length() > limits.maxIdLength()) {
      throw invalid("id must be at most " + limits.maxIdLength() + " characters, was "
          + id.length());
    }
  }

  /** The id in quotes, cut short: a status message must stay small (it travels in a header). */
  static String quote(String id) {
    return id.length() <= QUOTE_LIMIT ? "\"" + id + "\""
        : "\"" + id.substring(0, QUOTE_LIMIT) + "...\" (" + id.length() + " characters)";
  }

  private static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  private static StatusRuntimeException full(String message) {
    return Status.RESOURCE_EXHAUSTED.withDescription(message).asRuntimeException();
  }
}
