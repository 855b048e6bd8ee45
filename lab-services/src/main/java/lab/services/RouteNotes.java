package lab.services;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.proto.routeguide.Point;
import lab.proto.routeguide.RouteNote;

/**
 * RouteChat's memory, shared by every chat and bounded three ways: each location keeps only its
 * newest {@code perLocation} notes, only the {@code locations} most recently written
 * locations are kept at all, and all notes together take at most {@code maxBytes} (serialized
 * bytes; past either bound the least recently written location is forgotten first). Without
 * them a client repeating one location, writing to ever new ones, or writing few but large
 * notes grows the server without limit. Notes stay after their writer leaves (that is the
 * chat), within these bounds.
 */
final class RouteNotes {
  private final int perLocation;
  private final long maxBytes;
  private final LinkedHashMap<Point, Deque<RouteNote>> notes;
  private long bytes; // guarded by this

  RouteNotes(int locations, int perLocation, long maxBytes) {
    this.perLocation = perLocation;
    this.maxBytes = maxBytes;
    // Access order: writing a location makes it the most recent one.
    this.notes = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Point, Deque<RouteNote>> eldest) {
        if (size() <= locations) {
          return false;
        }
        bytes -= bytesOf(eldest.getValue());
        return true;
      }
    };
  }

  /** Stores {@code note} and returns the notes left at its location before it, oldest first. */
  synchronized List<RouteNote> add(RouteNote note) {
    Deque<RouteNote> here = notes.computeIfAbsent(note.getLocation(), p -> new ArrayDeque<>());
    List<RouteNote> earlier = List.copyOf(here);
    here.addLast(note);
    bytes += note.getSerializedSize();
    if (here.size() > perLocation) {
      bytes -= here.removeFirst().getSerializedSize();
    }
    // The eldest location first; the one just written is the newest, so it goes last.
    var eldest = notes.values().iterator();
    while (bytes > maxBytes) {
      bytes -= bytesOf(eldest.next());
      eldest.remove();
    }
    return earlier;
  }

  /** The serialized bytes every note kept takes (what the byte bound counts). */
  synchronized long bytes() {
    return bytes;
  }

  private static long bytesOf(Deque<RouteNote> here) {
    return here.stream().mapToLong(RouteNote::getSerializedSize).sum();
  }
}
